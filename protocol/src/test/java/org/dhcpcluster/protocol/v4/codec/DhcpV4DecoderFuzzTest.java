package org.dhcpcluster.protocol.v4.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.DhcpV4Options;

/**
 * Any datagram on port 67: the decoder returns a message or throws {@link DecodeException}
 * (what the edge counts as a drop); anything else escaping is a crash of the edge. What
 * decodes must survive the server's own encoder: decode, encode, decode gives the same
 * message minus the options the first decode dropped, and encodes to the same octets again.
 *
 * <p>Under {@code mvn test} this replays the inputs in
 * {@code src/test/resources/.../DhcpV4DecoderFuzzTestInputs/}; {@code deploy/fuzz/run.sh v4}
 * fuzzes it.
 */
class DhcpV4DecoderFuzzTest {
    /** The largest UDP payload over IPv4: enough for any message a datagram could decode to. */
    private static final int MAX_UDP_PAYLOAD = 65_507;

    @FuzzTest
    void decodedMessagesReencodeToThemselves(byte[] datagram) {
        DhcpV4Message first;
        try {
            first = DhcpV4Codec.decode(datagram);
        } catch (DecodeException e) {
            assertNotNull(e.reason());
            return;
        }
        V4Accessors.readAll(first);
        byte[] encoded = DhcpV4Codec.encode(first, MAX_UDP_PAYLOAD);
        DhcpV4Message second = decodeOwn(encoded);
        assertEquals(List.of(), second.droppedOptions(), "the server's own encoding must decode without dropping options");
        // The encoder writes option 53 first (DhcpV4Encoder), so only the order of options may differ.
        assertEquals(byCode(first.options()), byCode(second.options()));
        assertEquals(withoutDropped(first, second.options()), second);
        assertArrayEquals(encoded, DhcpV4Codec.encode(second, MAX_UDP_PAYLOAD));
        assertTrue(DhcpV4Codec.maxPayloadFor(first) >= DhcpV4Codec.DEFAULT_MAX_PAYLOAD);
    }

    private static DhcpV4Message decodeOwn(byte[] encoded) {
        try {
            return DhcpV4Codec.decode(encoded);
        } catch (DecodeException e) {
            throw new AssertionError("the encoder wrote a datagram its decoder refuses: " + e.getMessage(), e);
        }
    }

    /** {@code m} with the options it re-encodes with and none dropped: what decoding the encoding must give. */
    private static DhcpV4Message withoutDropped(DhcpV4Message m, DhcpV4Options reordered) {
        return new DhcpV4Message(m.op(), m.htype(), m.hlen(), m.hops(), m.xid(), m.secs(), m.flags(), m.ciaddr(), m.yiaddr(),
                m.siaddr(), m.giaddr(), m.chaddr(), m.sname(), m.file(), reordered, List.of());
    }

    private static Map<Integer, String> byCode(DhcpV4Options options) {
        Map<Integer, String> out = new TreeMap<>();
        options.all().forEach(o -> out.put(o.code(), HexFormat.of().formatHex(o.value())));
        return out;
    }
}
