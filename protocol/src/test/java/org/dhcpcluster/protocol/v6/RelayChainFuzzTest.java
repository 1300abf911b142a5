package org.dhcpcluster.protocol.v6;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;
import org.dhcpcluster.protocol.v6.codec.DhcpV6Codec;

/**
 * The v6 edge's unwrapping, on datagrams built the way relays build them: a client message
 * (fuzzed octets) or a DHCPV4-QUERY carrying a DHCPv4 message (fuzzed), inside 0 to 11
 * RELAY-FORW layers with fuzzed hop-counts, addresses, Interface-ID and other relay options,
 * the Relay Message option before or after them.
 *
 * <ul>
 *   <li>More than {@link RelayMessage#MAX_DEPTH} layers: refused as {@link DecodeException.RelayTooDeep}.
 *   <li>Otherwise, if it decodes: {@link RelayChain#unwrap} gives back every hop as written,
 *       outermost first, the client's link is the innermost specified link-address, and a
 *       DHCPV4-QUERY yields the DHCPv4 octets it carried, which the v4 decoder reads or
 *       refuses with a {@link DecodeException}.
 *   <li>The reply wrapped for the way back ({@link RelayChain#wrap}) encodes, decodes and
 *       unwraps to one RELAY-REPL per hop with that hop's fields and Interface-ID, around the reply.
 * </ul>
 */
class RelayChainFuzzTest {
    private static final int RELAY_FORW = 12;
    private static final int DHCPV4_QUERY = 20;
    /** Relay options the decoder never refuses a message for (it may drop them): never a DUID or an IA. */
    private static final int[] RELAY_OPTION_CODES = {37, 38, 79, 135, 0xFDE9};

    private record Hop(int hopCount, byte[] link, byte[] peer, byte[] interfaceId, int otherCode, byte[] other,
                       boolean relayMessageFirst) {
    }

    @FuzzTest
    void unwrapsWhatRelaysWrapped(FuzzedDataProvider data) throws DecodeException {
        int depth = data.consumeInt(0, RelayMessage.MAX_DEPTH + 2);
        List<Hop> hops = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            hops.add(new Hop(data.consumeInt(0, 255), address(data), address(data), data.consumeBytes(data.consumeInt(0, 24)),
                    data.pickValue(RELAY_OPTION_CODES), data.consumeBytes(data.consumeInt(0, 24)), data.consumeBoolean()));
        }
        boolean query = data.consumeBoolean();
        byte[] v4 = query ? dhcpV4(data) : new byte[0];
        byte[] inner = query ? dhcpV4Query(data.consumeInt(0, 0xFF_FFFF), v4) : notARelay(data.consumeRemainingAsBytes());
        byte[] datagram = wrap(hops, inner);

        if (depth > RelayMessage.MAX_DEPTH) {
            assertThrows(DecodeException.RelayTooDeep.class, () -> DhcpV6Codec.decode(datagram));
            return;
        }
        DhcpV6Message received;
        try {
            received = DhcpV6Codec.decode(datagram);
        } catch (DecodeException e) {
            assertTrue(!query, "a well-formed DHCPV4-QUERY inside well-formed relays was refused: " + e.getMessage());
            return;
        }
        V6Accessors.readAll(received);
        RelayChain chain = RelayChain.unwrap(received);
        assertHops(hops, chain, false);
        assertEquals(expectedClientLink(hops), chain.clientLinkAddress());
        if (query) {
            Dhcp4o6Message q = (Dhcp4o6Message) chain.innermost();
            Optional<byte[]> carried = q.dhcpV4Message();
            // OPTION_DHCPV4_MSG must not be empty (RFC 7341 section 7.1): an empty one is dropped.
            assertEquals(v4.length > 0, carried.isPresent());
            carried.ifPresent(octets -> {
                assertArrayEquals(v4, octets);
                decodeV4(octets);
            });
        }

        DhcpV6Message reply = chain.innermost() instanceof Dhcp4o6Message
                ? Dhcp4o6Message.response(new byte[] {2})
                : ClientServerMessage.builder(DhcpV6MessageType.REPLY).transactionId(0x123456).build();
        RelayChain back = RelayChain.unwrap(DhcpV6Codec.decode(DhcpV6Codec.encode(chain.wrap(reply))));
        assertHops(hops, back, true);
        assertEquals(reply, back.innermost());
    }

    private static byte[] wrap(List<Hop> hops, byte[] inner) {
        byte[] datagram = inner;
        for (int i = hops.size() - 1; i >= 0; i--) {
            datagram = relayForward(hops.get(i), datagram);
        }
        return datagram;
    }

    /** Fuzzed client octets that do not add relay layers of their own: the hops written are all there are. */
    private static byte[] notARelay(byte[] octets) {
        if (octets.length > 0 && (octets[0] == RELAY_FORW || octets[0] == RELAY_FORW + 1)) {
            octets[0] = 1;
        }
        return octets;
    }

    private static void assertHops(List<Hop> written, RelayChain chain, boolean reply) {
        assertEquals(written.size(), chain.hops().size());
        for (int i = 0; i < written.size(); i++) {
            Hop w = written.get(i);
            RelayHop h = chain.hops().get(i);
            assertEquals(w.hopCount(), h.hopCount());
            assertArrayEquals(w.link(), h.linkAddress().getAddress());
            assertArrayEquals(w.peer(), h.peerAddress().getAddress());
            // Interface-ID is opaque: kept as written, and the only option echoed in RELAY-REPL (RFC 8415 section 19.3).
            assertArrayEquals(w.interfaceId(), h.interfaceId().orElseThrow());
            if (reply) {
                assertEquals(1, h.options().size());
            }
        }
    }

    private static Optional<Inet6Address> expectedClientLink(List<Hop> hops) {
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!Arrays.equals(hops.get(i).link(), new byte[16])) {
                return Optional.of(Ipv6.fromBytes(hops.get(i).link()));
            }
        }
        return Optional.empty();
    }

    /** What the 4o6 responder does with the carried octets: a message or a counted drop, nothing else. */
    private static void decodeV4(byte[] octets) {
        try {
            DhcpV4Codec.decode(octets);
        } catch (DecodeException e) {
            assertTrue(!e.reason().isEmpty());
        }
    }

    /** Often unspecified (a relay that names its link by Interface-ID), else fuzzed. */
    private static byte[] address(FuzzedDataProvider data) {
        return data.consumeBoolean() ? new byte[16] : Arrays.copyOf(data.consumeBytes(16), 16);
    }

    /** Raw octets, or a valid BOOTREQUEST header and magic cookie followed by fuzzed options. */
    private static byte[] dhcpV4(FuzzedDataProvider data) {
        byte[] tail = data.consumeBytes(data.consumeInt(0, 600));
        if (data.consumeBoolean()) {
            return tail;
        }
        byte[] m = Arrays.copyOf(new byte[240], 240 + tail.length);
        m[0] = 1;
        m[1] = 1;
        m[2] = 6;
        m[236] = 99;
        m[237] = (byte) 130;
        m[238] = 83;
        m[239] = 99;
        System.arraycopy(tail, 0, m, 240, tail.length);
        return m;
    }

    private static byte[] dhcpV4Query(int flags, byte[] v4) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(DHCPV4_QUERY);
        out.write(flags >>> 16);
        out.write(flags >>> 8);
        out.write(flags);
        option(out, DhcpV6OptionCode.DHCPV4_MSG, v4);
        return out.toByteArray();
    }

    private static byte[] relayForward(Hop hop, byte[] relayed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(RELAY_FORW);
        out.write(hop.hopCount());
        out.writeBytes(hop.link());
        out.writeBytes(hop.peer());
        if (hop.relayMessageFirst()) {
            option(out, DhcpV6OptionCode.RELAY_MSG, relayed);
        }
        option(out, DhcpV6OptionCode.INTERFACE_ID, hop.interfaceId());
        option(out, hop.otherCode(), hop.other());
        if (!hop.relayMessageFirst()) {
            option(out, DhcpV6OptionCode.RELAY_MSG, relayed);
        }
        return out.toByteArray();
    }

    private static void option(ByteArrayOutputStream out, int code, byte[] value) {
        out.write(code >>> 8);
        out.write(code);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
    }
}
