package org.dhcpcluster.protocol.v6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Typed getters: empty for absent, the value for present, an exception (never a silent empty) for malformed. */
class OptionAccessorsTest {

    private static ClientServerMessage with(int code, String hex) {
        return ClientServerMessage.builder(DhcpV6MessageType.REPLY)
                .add(new DhcpV6Option(code, HexFormat.of().parseHex(hex))).build();
    }

    private static final ClientServerMessage EMPTY = ClientServerMessage.builder(DhcpV6MessageType.REPLY).build();

    @Test
    void absentOptionsAreEmpty() {
        assertTrue(EMPTY.clientId().isEmpty());
        assertTrue(EMPTY.preference().isEmpty());
        assertTrue(EMPTY.elapsedTime().isEmpty());
        assertTrue(EMPTY.iaNa().isEmpty());
        assertTrue(EMPTY.optionRequest().isEmpty());
        assertTrue(EMPTY.dnsServers().isEmpty());
        assertTrue(EMPTY.dhcp4o6ServerAddresses().isEmpty());
        assertTrue(EMPTY.solMaxRt().isEmpty());
        assertTrue(!EMPTY.rapidCommit() && !EMPTY.reconfigureAccept());
    }

    @Test
    void readsFixedWidthOptions() {
        assertEquals(255, with(7, "ff").preference().orElseThrow());
        assertEquals(0xffff, with(8, "ffff").elapsedTime().orElseThrow());
        assertEquals(0xffffffffL, with(32, "ffffffff").informationRefreshTime().orElseThrow());
        assertEquals(86_400, with(82, "00015180").solMaxRt().orElseThrow());
        assertEquals(60, with(83, "0000003c").infMaxRt().orElseThrow());
        assertEquals(DhcpV6MessageType.REBIND, with(19, "06").reconfigureMessage().orElseThrow());
        assertEquals(Ipv6.parse("2001:db8::1"), with(12, "20010db8000000000000000000000001").serverUnicast().orElseThrow());
        assertTrue(with(14, "").rapidCommit());
        assertTrue(with(20, "").reconfigureAccept());
    }

    @Test
    void emptyDhcp4o6ServerListIsPresentAndMeansMulticast() {
        assertEquals(List.of(), with(88, "").dhcp4o6ServerAddresses().orElseThrow());
    }

    @Test
    void handBuiltMalformedValuesThrowInsteadOfLookingAbsent() {
        assertThrows(IllegalArgumentException.class, () -> with(8, "00").elapsedTime());
        assertThrows(IllegalArgumentException.class, () -> with(6, "0017ff").optionRequest().size());
        assertThrows(IllegalArgumentException.class, () -> with(23, "20010db8").dnsServers());
        assertThrows(IllegalArgumentException.class, () -> with(1, "0001").clientId());
        assertThrows(IllegalArgumentException.class, () -> with(3, "0000").iaNa());
        assertThrows(IllegalArgumentException.class, () -> with(24, "c000").domainSearchList());
    }

    @Test
    void severalInstancesAreAllReturnedWhereTheRfcAllowsThem() {
        ClientServerMessage m = ClientServerMessage.builder(DhcpV6MessageType.SOLICIT)
                .add(new DhcpV6Option(16, HexFormat.of().parseHex("00000001 0001 61".replace(" ", ""))))
                .add(new DhcpV6Option(16, HexFormat.of().parseHex("00000002 0001 62".replace(" ", ""))))
                .build();
        assertEquals(List.of(1L, 2L), m.vendorClasses().stream().map(v -> v.enterpriseNumber()).toList());
    }
}
