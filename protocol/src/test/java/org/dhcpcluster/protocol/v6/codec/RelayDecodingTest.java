package org.dhcpcluster.protocol.v6.codec;

import static org.dhcpcluster.protocol.v6.codec.V6Datagrams.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6Message;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.Ipv6;
import org.dhcpcluster.protocol.v6.RelayMessage;
import org.dhcpcluster.protocol.v6.UnknownMessage;
import org.junit.jupiter.api.Test;

class RelayDecodingTest {
    private static final String SOLICIT = "01 abcdef 0001 000a 0003 0001 02005e102030";
    private static final String LINK = "20010db8000100000000000000000001";
    private static final String PEER = "fe800000000000000000000000000002";

    /** A RELAY-FORW of {@code inner} with the given hop-count and extra options before option 9. */
    private static String forward(int hop, String inner, String options) {
        int length = hex(inner).length;
        return String.format("0c %02x %s %s %s 0009 %04x %s", hop, LINK, PEER, options, length, inner);
    }

    /** {@code layers} relay layers around the SOLICIT, hop-counts counting up from the client side. */
    private static String nested(int layers) {
        String m = SOLICIT;
        for (int hop = 0; hop < layers; hop++) {
            m = forward(hop, m, "");
        }
        return m;
    }

    @Test
    void readsRelayHeaderAndTheMessageInOption9() throws DecodeException {
        RelayMessage r = assertInstanceOf(RelayMessage.class,
                DhcpV6Codec.decode(hex(forward(0, SOLICIT, "0012 0003 657468"))));
        assertEquals(DhcpV6MessageType.RELAY_FORW, r.type());
        assertEquals(0, r.hopCount());
        assertEquals(Ipv6.parse("2001:db8:1::1"), r.linkAddress());
        assertEquals(Ipv6.parse("fe80::2"), r.peerAddress());
        assertArrayEquals("eth".getBytes(), r.interfaceId().orElseThrow());
        assertEquals(1, r.options().size());                                  // option 9 is the relayed field, not an option
        ClientServerMessage inner = assertInstanceOf(ClientServerMessage.class, r.relayed());
        assertEquals(0xabcdef, inner.transactionId());
    }

    @Test
    void decodesNestingUpToTheDeepestAConformingChainProduces() throws DecodeException {
        DhcpV6Message m = DhcpV6Codec.decode(hex(nested(RelayMessage.MAX_DEPTH)));   // hop-counts 0..8
        assertEquals(9, m.relayDepth());
        RelayMessage outer = assertInstanceOf(RelayMessage.class, m);
        assertEquals(RelayMessage.HOP_COUNT_LIMIT, outer.hopCount());
        assertEquals(DhcpV6MessageType.SOLICIT, outer.innermost().type());
    }

    @Test
    void refusesOneRelayLayerMore() {
        DecodeException.RelayTooDeep e = assertThrows(DecodeException.RelayTooDeep.class,
                () -> DhcpV6Codec.decode(hex(nested(RelayMessage.MAX_DEPTH + 1))));
        assertEquals("relay_too_deep", e.reason());
        assertEquals(9, e.limit());
    }

    @Test
    void refusesDeepNestingWithoutReadingTheInnerLayers() {
        // The innermost layers are garbage; the depth limit is what stops the decoder, not them.
        String m = "0c 00" + LINK + PEER + "0009 0002 ffff";
        for (int hop = 1; hop < 40; hop++) {
            m = forward(hop, m, "");
        }
        String wire = m;
        assertThrows(DecodeException.RelayTooDeep.class, () -> DhcpV6Codec.decode(hex(wire)));
    }

    @Test
    void refusesRelayWithoutRelayMessageOption() {
        DecodeException.MalformedOption e = assertThrows(DecodeException.MalformedOption.class,
                () -> DhcpV6Codec.decode(hex("0c 00" + LINK + PEER + "0012 0001 01")));
        assertEquals(9, e.code());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void refusesRelayWithTwoRelayMessageOptions() {
        String solicitLength = String.format("%04x", hex(SOLICIT).length);
        DecodeException.MalformedOption e = assertThrows(DecodeException.MalformedOption.class, () -> DhcpV6Codec.decode(
                hex("0c 00" + LINK + PEER + "0009" + solicitLength + SOLICIT + "0009" + solicitLength + SOLICIT)));
        assertEquals(9, e.code());
        assertTrue(e.getMessage().contains("a second one at offset"), e.getMessage());
    }

    @Test
    void refusesRelayHeaderShorterThan34Octets() {
        DecodeException.Truncated e = assertThrows(DecodeException.Truncated.class,
                () -> DhcpV6Codec.decode(hex("0c 00" + LINK)));
        assertEquals("RELAY-FORW header needs 34 bytes but only 18 remain", e.getMessage());
    }

    @Test
    void errorInsideARelayedMessageSaysHowDeep() {
        String badInner = "01 abcdef 0001 0002 0003";                        // client id too short
        DecodeException.MalformedOption e = assertThrows(DecodeException.MalformedOption.class,
                () -> DhcpV6Codec.decode(hex(forward(1, forward(0, badInner, ""), ""))));
        assertTrue(e.getMessage().endsWith("in the message relayed at depth 2)"), e.getMessage());
    }

    @Test
    void truncationInsideARelayedMessageIsATypedError() {
        DecodeException.Truncated e = assertThrows(DecodeException.Truncated.class,
                () -> DhcpV6Codec.decode(hex(forward(0, "01 abcdef 0008 00", ""))));
        assertEquals("option header at offset 42 in the message relayed at depth 1 needs 4 bytes but only 3 remain",
                e.getMessage());                                              // offsets count from the datagram start
    }

    @Test
    void malformedRelayOptionIsDroppedOnItsLayerOnly() throws DecodeException {
        RelayMessage r = assertInstanceOf(RelayMessage.class,
                DhcpV6Codec.decode(hex(forward(0, SOLICIT, "0025 0002 0000"))));  // remote-id without an id
        assertTrue(r.remoteId().isEmpty());
        assertEquals(37, r.droppedOptions().get(0).code());
        assertTrue(r.relayed().droppedOptions().isEmpty());
        assertEquals(DhcpV6MessageType.SOLICIT, r.relayed().type());
    }

    @Test
    void relayedMessageOfUnknownTypeIsKeptRaw() throws DecodeException {
        RelayMessage r = assertInstanceOf(RelayMessage.class, DhcpV6Codec.decode(hex(forward(0, "0e 010203", ""))));
        UnknownMessage inner = assertInstanceOf(UnknownMessage.class, r.relayed());
        assertEquals(14, inner.type().code());                               // LEASEQUERY (RFC 5007): not ours to answer
        assertEquals("010203", HexFormat.of().formatHex(inner.body()));
    }
}
