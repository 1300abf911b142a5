package org.dhcpcluster.protocol.v6.codec;

import static org.dhcpcluster.protocol.v6.codec.V6Datagrams.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.Dhcp4o6Message;
import org.dhcpcluster.protocol.v6.DhcpV6Message;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DroppedOption;
import org.dhcpcluster.protocol.v6.UnknownMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DhcpV6DecoderTest {
    /** Client id option: DUID-LL, Ethernet, 02:00:5e:10:20:30. */
    private static final String CLIENT_ID = "0001 000a 0003 0001 02005e102030";

    private static DhcpV6Message decode(String spacedHex) throws DecodeException {
        return DhcpV6Codec.decode(hex(spacedHex));
    }

    @Test
    void readsTypeAndTwentyFourBitTransactionId() throws DecodeException {
        ClientServerMessage m = assertInstanceOf(ClientServerMessage.class, decode("01 fedcba" + CLIENT_ID));
        assertEquals(DhcpV6MessageType.SOLICIT, m.type());
        assertEquals(0xfedcba, m.transactionId());                           // unsigned, all three octets
        assertEquals(1, m.options().size());
    }

    @Test
    void messageWithoutOptionsIsValid() throws DecodeException {
        ClientServerMessage m = assertInstanceOf(ClientServerMessage.class, decode("0b 000001"));
        assertEquals(DhcpV6MessageType.INFORMATION_REQUEST, m.type());
        assertTrue(m.options().isEmpty());
    }

    @Test
    void dhcp4o6MessageHasFlagsWhereOthersHaveATransactionId() throws DecodeException {
        Dhcp4o6Message q = assertInstanceOf(Dhcp4o6Message.class, decode("14 800000 0057 0003 010203"));
        assertEquals(DhcpV6MessageType.DHCPV4_QUERY, q.type());
        assertEquals(Dhcp4o6Message.FLAG_UNICAST, q.flags());
        assertTrue(q.unicastFlag());
        assertArrayEquals(new byte[] {1, 2, 3}, q.dhcpV4Message().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 14, 15, 19, 22, 255})
    void unknownMessageTypeIsKeptRawNotRefused(int type) throws DecodeException {
        byte[] wire = hex(String.format("%02x", type) + "112233 ffff");         // the rest need not even frame as options
        UnknownMessage m = assertInstanceOf(UnknownMessage.class, DhcpV6Codec.decode(wire));
        assertEquals(type, m.type().code());
        assertEquals("UNKNOWN(" + type + ")", m.type().name());
        assertArrayEquals(hex("112233 ffff"), m.body());
        assertArrayEquals(wire, DhcpV6Codec.encode(m));
    }

    @Test
    void rejectsEmptyDatagram() {
        DecodeException.Truncated e = assertThrows(DecodeException.Truncated.class, () -> DhcpV6Codec.decode(new byte[0]));
        assertEquals("truncated", e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "01 12", "01 1234", "14 0000"})
    void rejectsHeaderShorterThanFourOctets(String wire) {
        DecodeException.Truncated e = assertThrows(DecodeException.Truncated.class, () -> decode(wire));
        assertTrue(e.getMessage().contains("header needs 4"), e.getMessage());
    }

    @Test
    void rejectsTruncatedOptionHeaderNamingItsOffset() {
        DecodeException.Truncated e = assertThrows(DecodeException.Truncated.class, () -> decode("01 000001 0008 00"));
        assertEquals("option header at offset 4 needs 4 bytes but only 3 remain", e.getMessage());
    }

    @Test
    void rejectsOptionRunningPastTheEndNamingCodeAndOffset() {
        DecodeException.Truncated e = assertThrows(DecodeException.Truncated.class,
                () -> decode("01 000001 0008 0002 0000  0017 0010 20010db8"));
        assertEquals("option 23 at offset 10 needs 16 bytes but only 4 remain", e.getMessage());
    }

    @Test
    void dropsMalformedOptionTheServerCanDoWithoutAndKeepsTheRest() throws DecodeException {
        ClientServerMessage m = assertInstanceOf(ClientServerMessage.class,
                decode("01 000001" + CLIENT_ID + "0008 0001 00  0006 0002 0017"));   // elapsed time of 1 octet
        assertEquals(List.of(1, 6), m.options().all().stream().map(DhcpV6Option::code).toList());
        assertTrue(m.elapsedTime().isEmpty());                               // absent from the options ...
        DroppedOption d = m.droppedOptions().get(0);                         // ... but recorded as malformed
        assertEquals(8, d.code());
        assertEquals("must be exactly 2 octets, got 1 (at offset 18)", d.reason());
        assertEquals(List.of(23), m.optionRequest());
    }

    @Test
    void keepsUnknownOptionsRawAndInOrder() throws DecodeException {
        ClientServerMessage m = assertInstanceOf(ClientServerMessage.class,
                decode("01 000001 fffe 0003 aabbcc" + CLIENT_ID + "0000 0000"));   // 65534, and the reserved code 0
        assertEquals(List.of(65534, 1, 0), m.options().all().stream().map(DhcpV6Option::code).toList());
        assertArrayEquals(hex("aabbcc"), m.options().get(65534).orElseThrow());
        assertTrue(m.droppedOptions().isEmpty());
    }

    @Test
    void keepsRepeatedOptionsInOrder() throws DecodeException {
        ClientServerMessage m = assertInstanceOf(ClientServerMessage.class, decode("01 000001" + CLIENT_ID
                + "0003 000c 00000001 00000000 00000000"
                + "0019 000c 00000009 00000000 00000000"
                + "0003 000c 00000002 00000000 00000000"));
        assertEquals(List.of(1L, 2L), m.iaNa().stream().map(ia -> ia.iaid()).toList());
        assertEquals(9L, m.iaPd().get(0).iaid());
        assertEquals(List.of(1, 3, 25, 3), m.options().all().stream().map(DhcpV6Option::code).toList());
    }

    @Test
    void malformedClientIdFailsTheMessage() {
        DecodeException.MalformedOption e = assertThrows(DecodeException.MalformedOption.class,
                () -> decode("01 000001 0001 0002 0003"));                  // a type and no identifier
        assertEquals(1, e.code());
        assertEquals("malformed_option", e.reason());
        assertTrue(e.getMessage().startsWith("option 1 (client-id): a DUID is a 2-octet type and at least 1 octet"), e.getMessage());
    }

    @Test
    void oversizedServerIdFailsTheMessage() {
        String duid = "0002 " + "00".repeat(129);                            // 129 identifier octets: one too many
        DecodeException.MalformedOption e = assertThrows(DecodeException.MalformedOption.class,
                () -> decode("07 000001 0002 0083 " + duid));
        assertEquals(2, e.code());
        assertTrue(e.getMessage().contains("at most 128 octets"), e.getMessage());
    }

    @Test
    void secondClientIdFailsTheMessage() {
        DecodeException.MalformedOption e = assertThrows(DecodeException.MalformedOption.class,
                () -> decode("01 000001" + CLIENT_ID + CLIENT_ID));
        assertEquals("option 1 (client-id): appears 2 times; a message carries at most one", e.getMessage());
    }

    @Test
    void iaNaShorterThanItsFixedFieldsFailsTheMessage() {
        DecodeException.MalformedOption e = assertThrows(DecodeException.MalformedOption.class,
                () -> decode("01 000001" + CLIENT_ID + "0003 0008 00000001 00000000"));
        assertEquals(3, e.code());
        assertEquals("option 3 (ia-na): needs at least 12 octets of fixed fields, got 8 (at offset 18)", e.getMessage());
    }

    @Test
    void malformedAddressInsideIaFailsTheMessage() {
        DecodeException.MalformedOption e = assertThrows(DecodeException.MalformedOption.class,
                () -> decode("03 000001" + CLIENT_ID + "0003 0014 00000001 00000000 00000000 0005 0004 20010db8"));
        assertEquals(3, e.code());
        assertTrue(e.getMessage().contains("nested iaaddr (5) at offset 12: needs at least 24 octets"), e.getMessage());
    }

    @Test
    void brokenFramingInsideIaPdFailsTheMessage() {
        DecodeException.MalformedOption e = assertThrows(DecodeException.MalformedOption.class,
                () -> decode("01 000001" + CLIENT_ID + "0019 000e 00000001 00000000 00000000 001a"));
        assertEquals(25, e.code());
        assertTrue(e.getMessage().contains("nested option header at offset 12 needs 4 octets but only 2 remain"), e.getMessage());
    }

    @Test
    void iaPrefixLongerThan128BitsFailsTheIaPd() {
        String prefix = "001a 0019 00000014 0000001e 81 20010db8000000000000000000000000";
        DecodeException.MalformedOption e = assertThrows(DecodeException.MalformedOption.class,
                () -> decode("02 000001" + CLIENT_ID + "0019 0029 00000001 00000005 0000000a " + prefix));
        assertTrue(e.getMessage().contains("prefix-length 129 is over 128"), e.getMessage());
    }
}
