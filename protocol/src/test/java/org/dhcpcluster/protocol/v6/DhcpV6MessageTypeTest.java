package org.dhcpcluster.protocol.v6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dhcpcluster.protocol.v6.DhcpV6MessageType.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DhcpV6MessageTypeTest {

    @ParameterizedTest
    @CsvSource({
        "1, SOLICIT, CLIENT_SERVER", "2, ADVERTISE, CLIENT_SERVER", "3, REQUEST, CLIENT_SERVER",
        "4, CONFIRM, CLIENT_SERVER", "5, RENEW, CLIENT_SERVER", "6, REBIND, CLIENT_SERVER",
        "7, REPLY, CLIENT_SERVER", "8, RELEASE, CLIENT_SERVER", "9, DECLINE, CLIENT_SERVER",
        "10, RECONFIGURE, CLIENT_SERVER", "11, INFORMATION-REQUEST, CLIENT_SERVER",
        "12, RELAY-FORW, RELAY", "13, RELAY-REPL, RELAY",
        "20, DHCPV4-QUERY, DHCP4O6", "21, DHCPV4-RESPONSE, DHCP4O6"})
    void knownTypesHaveTheirRfcNameAndLayout(int code, String name, Layout layout) {
        DhcpV6MessageType t = DhcpV6MessageType.valueOf(code);
        assertEquals(name, t.name());
        assertEquals(layout, t.layout());
        assertTrue(t.isKnown());
        assertSame(t, DhcpV6MessageType.valueOf(code));
    }

    @ParameterizedTest
    @CsvSource({"0", "14", "17", "22", "255"})
    void unknownTypesKeepTheirNumber(int code) {
        DhcpV6MessageType t = DhcpV6MessageType.valueOf(code);
        assertEquals(code, t.code());
        assertEquals("UNKNOWN(" + code + ")", t.toString());
        assertFalse(t.isKnown());
        assertEquals(Layout.UNKNOWN, t.layout());
    }

    @Test
    void tellsClientMessagesFromServerMessages() {
        assertTrue(DhcpV6MessageType.SOLICIT.isFromClient());
        assertTrue(DhcpV6MessageType.DHCPV4_QUERY.isFromClient());
        assertFalse(DhcpV6MessageType.ADVERTISE.isFromClient());
        assertFalse(DhcpV6MessageType.RELAY_FORW.isFromClient());
        assertFalse(DhcpV6MessageType.valueOf(99).isFromClient());
    }

    @Test
    void typeIsOneOctet() {
        assertThrows(IllegalArgumentException.class, () -> DhcpV6MessageType.valueOf(256));
    }
}
