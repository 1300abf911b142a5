package org.dhcpcluster.protocol.v4.codec;

import static org.dhcpcluster.protocol.v4.codec.Datagrams.concat;
import static org.dhcpcluster.protocol.v4.codec.Datagrams.octets;
import static org.dhcpcluster.protocol.v4.codec.Datagrams.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.DhcpV4Option;
import org.dhcpcluster.protocol.v4.DroppedOption;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.junit.jupiter.api.Test;

class DhcpV4DecoderTest {

    @Test
    void readsEveryHeaderField() throws DecodeException {
        byte[] d = request(53, 1, 1, 255);
        d[3] = 2;                                       // hops
        d[8] = 0x01; d[9] = 0x02;                        // secs 258
        d[10] = (byte) 0x80;                             // broadcast flag
        d[12] = 10; d[15] = 1;                           // ciaddr 10.0.0.1
        d[16] = 10; d[19] = 2;                           // yiaddr
        d[20] = 10; d[23] = 3;                           // siaddr
        d[24] = 10; d[27] = 4;                           // giaddr
        d[44] = 's';                                     // sname
        d[108] = 'f';                                    // file
        DhcpV4Message m = DhcpV4Codec.decode(d);
        assertEquals(DhcpV4Message.BOOTREQUEST, m.op());
        assertEquals(1, m.htype());
        assertEquals(6, m.hlen());
        assertEquals(2, m.hops());
        assertEquals(0x11223344, m.xid());
        assertEquals(258, m.secs());
        assertTrue(m.broadcastFlag());
        assertEquals(Ipv4.parse("10.0.0.1"), m.ciaddr());
        assertEquals(Ipv4.parse("10.0.0.2"), m.yiaddr());
        assertEquals(Ipv4.parse("10.0.0.3"), m.siaddr());
        assertEquals(Ipv4.parse("10.0.0.4"), m.giaddr());
        assertArrayEquals(Datagrams.CHADDR, m.clientHardwareAddress());
        assertEquals('s', m.sname()[0]);
        assertEquals('f', m.file()[0]);
        assertEquals(DhcpMessageType.DISCOVER, m.messageType().orElseThrow());
        assertTrue(m.droppedOptions().isEmpty());
    }

    @Test
    void readsUnsignedXidSecsAndFlags() throws DecodeException {
        byte[] d = request(255);
        Arrays.fill(d, 4, 12, (byte) 0xFF);
        DhcpV4Message m = DhcpV4Codec.decode(d);
        assertEquals(0xFFFFFFFF, m.xid());
        assertEquals(0xFFFF, m.secs());
        assertEquals(0xFFFF, m.flags());
    }

    @Test
    void rejectsDatagramShorterThanHeaderAndCookie() {
        byte[] d = Arrays.copyOf(request(), 239);
        DecodeException.Truncated e = assertThrows(DecodeException.Truncated.class, () -> DhcpV4Codec.decode(d));
        assertEquals("truncated", e.reason());
        assertTrue(e.getMessage().contains("240") && e.getMessage().contains("239"), e.getMessage());
    }

    @Test
    void rejectsEmptyDatagram() {
        assertThrows(DecodeException.Truncated.class, () -> DhcpV4Codec.decode(new byte[0]));
    }

    @Test
    void rejectsWrongMagicCookie() {
        byte[] d = request(255);
        d[239] = 98;
        DecodeException.BadMagicCookie e = assertThrows(DecodeException.BadMagicCookie.class, () -> DhcpV4Codec.decode(d));
        assertTrue(e.getMessage().contains("0x63825362"), e.getMessage());
    }

    @Test
    void rejectsOpOtherThanRequestOrReply() {
        for (int op : new int[] {0, 3, 255}) {
            byte[] d = request(255);
            d[0] = (byte) op;
            DecodeException.InvalidField e = assertThrows(DecodeException.InvalidField.class, () -> DhcpV4Codec.decode(d));
            assertTrue(e.getMessage().startsWith("op:"), e.getMessage());
        }
    }

    @Test
    void rejectsHardwareAddressLongerThanChaddr() {
        byte[] d = request(255);
        d[2] = 17;
        DecodeException.InvalidField e = assertThrows(DecodeException.InvalidField.class, () -> DhcpV4Codec.decode(d));
        assertTrue(e.getMessage().startsWith("hlen:"), e.getMessage());
    }

    @Test
    void acceptsHlenOfSixteen() throws DecodeException {
        byte[] d = request(255);
        d[2] = 16;
        assertEquals(16, DhcpV4Codec.decode(d).hlen());
    }

    @Test
    void acceptsBootpMessageWithoutOptions() throws DecodeException {
        DhcpV4Message m = DhcpV4Codec.decode(request());
        assertEquals(0, m.options().size());
        assertTrue(m.messageType().isEmpty());
    }

    @Test
    void skipsPadAndStopsAtEnd() throws DecodeException {
        DhcpV4Message m = DhcpV4Codec.decode(request(0, 0, 53, 1, 3, 0, 12, 1, 'h', 255, 12, 1, 'x', 0, 0));
        assertEquals(DhcpMessageType.REQUEST, m.messageType().orElseThrow());
        assertEquals("h", m.hostName().orElseThrow());
        assertTrue(m.droppedOptions().isEmpty());
    }

    @Test
    void toleratesMissingEnd() throws DecodeException {
        DhcpV4Message m = DhcpV4Codec.decode(request(53, 1, 1, 12, 2, 'a', 'b'));
        assertEquals("ab", m.hostName().orElseThrow());
        assertTrue(m.droppedOptions().isEmpty());
    }

    @Test
    void concatenatesSplitOptionsInOrder() throws DecodeException {
        // RFC 3396 section 7: instances are joined in the order they appear, even when other options sit between.
        DhcpV4Message m = DhcpV4Codec.decode(request(53, 1, 1, 55, 2, 1, 3, 12, 1, 'h', 55, 2, 6, 15, 255));
        assertEquals(List.of(1, 3, 6, 15), m.parameterRequestList());
        assertEquals(List.of(53, 55, 12), m.options().all().stream().map(DhcpV4Option::code).toList());
    }

    @Test
    void validatesAfterConcatenation() throws DecodeException {
        // Two halves of one address: each alone is invalid for option 54, joined they are valid.
        DhcpV4Message m = DhcpV4Codec.decode(request(53, 1, 3, 54, 2, 192, 0, 54, 2, 2, 1, 255));
        assertEquals(Ipv4.parse("192.0.2.1"), m.serverIdentifier().orElseThrow());
        assertTrue(m.droppedOptions().isEmpty());
    }

    @Test
    void joinsSplitDomainSearchBeforeFollowingPointers() throws DecodeException {
        // RFC 3397 section 3's example: the second instance's pointer (c0 04) counts from the start of the
        // joined value, so it can only be followed after concatenation.
        DhcpV4Message m = DhcpV4Codec.decode(request(concat(
                new int[] {53, 1, 5, 119, 9, 3, 'e', 'n', 'g', 5, 'a', 'p', 'p', 'l'},
                new int[] {119, 9, 'e', 3, 'c', 'o', 'm', 0, 9, 'm', 'a'},
                new int[] {119, 9, 'r', 'k', 'e', 't', 'i', 'n', 'g', 0xC0, 0x04, 255})));
        assertTrue(m.droppedOptions().isEmpty(), m.droppedOptions().toString());
        assertEquals("domain-search=eng.apple.com, marketing.apple.com",
                org.dhcpcluster.protocol.v4.option.DhcpV4OptionTable.describe(119, m.options().get(119).orElseThrow()));
    }

    @Test
    void dropsOptionRunningPastEndOfDatagramAndStopsReading() throws DecodeException {
        DhcpV4Message m = DhcpV4Codec.decode(request(53, 1, 1, 12, 1, 'h', 60, 10, 'a', 'b'));
        assertEquals("h", m.hostName().orElseThrow());
        assertFalse(m.options().contains(60));
        DroppedOption d = m.droppedOptions().get(0);
        assertEquals(60, d.code());
        assertTrue(d.reason().contains("claims 10 octets") && d.reason().contains("options field"), d.reason());
    }

    @Test
    void dropsOptionWhoseLengthOctetIsMissing() throws DecodeException {
        DhcpV4Message m = DhcpV4Codec.decode(request(53, 1, 1, 61));
        assertEquals(List.of(61), m.droppedOptions().stream().map(DroppedOption::code).toList());
        assertTrue(m.droppedOptions().get(0).reason().contains("no length octet"));
    }

    @Test
    void dropsEarlierInstancesOfAnOptionWhoseLaterInstanceIsCutOff() throws DecodeException {
        // The joined value would be silently short; better absent and reported.
        DhcpV4Message m = DhcpV4Codec.decode(request(53, 1, 1, 55, 2, 1, 3, 55, 9, 6));
        assertTrue(m.parameterRequestList().isEmpty());
        assertEquals(55, m.droppedOptions().get(0).code());
    }

    @Test
    void dropsInvalidKnownOptionAndKeepsTheRest() throws DecodeException {
        // Option 54 must be 4 octets; option 57 must be at least 576 (RFC 2132 9.10).
        DhcpV4Message m = DhcpV4Codec.decode(request(53, 1, 3, 54, 3, 1, 2, 3, 57, 2, 0x01, 0x00, 12, 1, 'h', 255));
        assertTrue(m.serverIdentifier().isEmpty());
        assertTrue(m.maximumMessageSize().isEmpty());
        assertEquals("h", m.hostName().orElseThrow());
        assertEquals(List.of(54, 57), m.droppedOptions().stream().map(DroppedOption::code).toList());
        assertTrue(m.droppedOptions().get(0).reason().contains("4 octets, got 3"), m.droppedOptions().get(0).reason());
        assertTrue(m.droppedOptions().get(1).reason().contains("256 is outside 576..65535"), m.droppedOptions().get(1).reason());
    }

    @Test
    void keepsUnknownOptionsAsRawBytes() throws DecodeException {
        DhcpV4Message m = DhcpV4Codec.decode(request(53, 1, 1, 145, 1, 1, 224, 3, 9, 8, 7, 255));
        assertArrayEquals(new byte[] {1}, m.options().get(145).orElseThrow());
        assertArrayEquals(new byte[] {9, 8, 7}, m.options().get(224).orElseThrow());
    }

    @Test
    void failsWholeMessageWhenMessageTypeIsNotOneOctet() {
        DecodeException.MalformedOption e = assertThrows(DecodeException.MalformedOption.class,
                () -> DhcpV4Codec.decode(request(53, 2, 1, 1, 255)));
        assertEquals(53, e.code());
        assertEquals("malformed_option", e.reason());
        assertTrue(e.getMessage().contains("dhcp-message-type"), e.getMessage());
    }

    @Test
    void failsWholeMessageWhenMessageTypeIsEmptyOrRepeated() {
        assertThrows(DecodeException.MalformedOption.class, () -> DhcpV4Codec.decode(request(53, 0, 255)));
        // Two instances join into two octets (RFC 3396), which is not a message type.
        assertThrows(DecodeException.MalformedOption.class, () -> DhcpV4Codec.decode(request(53, 1, 1, 53, 1, 3, 255)));
    }

    @Test
    void failsWholeMessageWhenMessageTypeIsCutOff() {
        assertThrows(DecodeException.MalformedOption.class, () -> DhcpV4Codec.decode(request(53, 1)));
        assertThrows(DecodeException.MalformedOption.class, () -> DhcpV4Codec.decode(request(53)));
    }

    @Test
    void keepsUnknownMessageTypeValue() throws DecodeException {
        DhcpV4Message m = DhcpV4Codec.decode(request(53, 1, 200, 255));
        assertEquals(200, m.messageType().orElseThrow().code());
        assertFalse(m.messageType().orElseThrow().isKnown());
    }

    @Test
    void ignoresOctetsAfterEnd() throws DecodeException {
        DhcpV4Message m = DhcpV4Codec.decode(request(53, 1, 1, 255, 12, 200, 'x'));
        assertEquals(1, m.options().size());
        assertTrue(m.droppedOptions().isEmpty());
    }

    @Test
    void validatesRelayAgentInformationSubOptions() throws DecodeException {
        // Sub-option 1 claims 5 octets but only 2 follow: the TLVs do not add up.
        DhcpV4Message bad = DhcpV4Codec.decode(request(53, 1, 1, 82, 4, 1, 5, 'a', 'b', 255));
        assertTrue(bad.relayAgentInformation().isEmpty());
        assertEquals(82, bad.droppedOptions().get(0).code());
        // Link selection (RFC 3527) must be an IPv4 address.
        DhcpV4Message badLink = DhcpV4Codec.decode(request(53, 1, 1, 82, 5, 5, 3, 10, 0, 0, 255));
        assertTrue(badLink.relayAgentInformation().isEmpty());
        assertTrue(badLink.droppedOptions().get(0).reason().contains("sub-option 5"));
    }

    @Test
    void readsOptionsFromOverloadedFileThenSname() throws DecodeException {
        byte[] d = request(53, 1, 1, 52, 1, 3, 55, 1, 1, 255);
        // file (offset 108): second part of the PRL, then END
        d[108] = 55; d[109] = 1; d[110] = 3; d[111] = (byte) 255;
        // sname (offset 44): third part, and a host name
        d[44] = 55; d[45] = 1; d[46] = 6; d[47] = 12; d[48] = 1; d[49] = 'h'; d[50] = (byte) 255;
        DhcpV4Message m = DhcpV4Codec.decode(d);
        assertEquals(List.of(1, 3, 6), m.parameterRequestList());
        assertEquals("h", m.hostName().orElseThrow());
        assertFalse(m.options().contains(52), "option 52 is a wire artifact and is not kept");
        assertArrayEquals(new byte[64], m.sname(), "an overloaded sname is returned empty");
        assertArrayEquals(new byte[128], m.file(), "an overloaded file is returned empty");
        assertTrue(m.droppedOptions().isEmpty());
    }

    @Test
    void overloadOfFileOnlyLeavesSnameAsText() throws DecodeException {
        byte[] d = request(53, 1, 1, 52, 1, 1, 255);
        d[108] = 12; d[109] = 1; d[110] = 'h'; d[111] = (byte) 255;
        d[44] = 's'; d[45] = 'r'; d[46] = 'v';
        DhcpV4Message m = DhcpV4Codec.decode(d);
        assertEquals("h", m.hostName().orElseThrow());
        assertEquals("srv", new String(m.sname(), 0, 3, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void ignoresFileAndSnameWithoutOverload() throws DecodeException {
        byte[] d = request(53, 1, 1, 255);
        d[108] = 12; d[109] = 1; d[110] = 'h'; d[111] = (byte) 255;
        DhcpV4Message m = DhcpV4Codec.decode(d);
        assertTrue(m.hostName().isEmpty());
        assertEquals(12, m.file()[0]);
    }

    @Test
    void dropsMalformedOverloadAndKeepsFieldsPlain() throws DecodeException {
        byte[] d = request(53, 1, 1, 52, 1, 7, 255);
        d[108] = 12; d[109] = 1; d[110] = 'h';
        DhcpV4Message m = DhcpV4Codec.decode(d);
        assertTrue(m.hostName().isEmpty());
        assertEquals(12, m.file()[0]);
        assertEquals(52, m.droppedOptions().get(0).code());
        assertTrue(m.droppedOptions().get(0).reason().contains("outside 1..3"), m.droppedOptions().get(0).reason());
    }

    @Test
    void dropsOverloadFoundInsideOverloadedField() throws DecodeException {
        byte[] d = request(53, 1, 1, 52, 1, 1, 255);
        d[108] = 52; d[109] = 1; d[110] = 2; d[111] = 12; d[112] = 1; d[113] = 'h'; d[114] = (byte) 255;
        d[44] = 12; d[45] = 1; d[46] = 'x'; d[47] = (byte) 255;
        DhcpV4Message m = DhcpV4Codec.decode(d);
        assertEquals("h", m.hostName().orElseThrow(), "sname was not read: only the options field's 52 counts");
        assertEquals(52, m.droppedOptions().get(0).code());
        assertTrue(m.droppedOptions().get(0).reason().contains("file field"));
    }

    @Test
    void optionCutOffAtEndOfFileFieldIsDroppedAndSnameStillRead() throws DecodeException {
        byte[] d = request(53, 1, 1, 52, 1, 3, 255);
        d[108 + 125] = 60; d[108 + 126] = 5; d[108 + 127] = 'a'; // runs past the 128-octet file field
        d[44] = 12; d[45] = 1; d[46] = 'h'; d[47] = (byte) 255;
        DhcpV4Message m = DhcpV4Codec.decode(d);
        assertEquals("h", m.hostName().orElseThrow());
        assertEquals(60, m.droppedOptions().get(0).code());
        assertTrue(m.droppedOptions().get(0).reason().contains("file field"));
    }

    @Test
    void concatenatesLongOptionAcrossOptionsAndFile() throws DecodeException {
        byte[] first = Datagrams.filled(255, 0);
        byte[] d = request(concat(new int[] {53, 1, 5, 52, 1, 1, 43, 255}, octets(first), new int[] {255}));
        d[108] = 43; d[109] = 10;
        System.arraycopy(Datagrams.filled(10, 255), 0, d, 110, 10);
        d[120] = (byte) 255;
        DhcpV4Message m = DhcpV4Codec.decode(d);
        assertArrayEquals(Datagrams.filled(265, 0), m.options().get(43).orElseThrow());
    }
}
