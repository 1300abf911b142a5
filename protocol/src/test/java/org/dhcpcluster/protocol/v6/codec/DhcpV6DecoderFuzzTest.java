package org.dhcpcluster.protocol.v6.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.Dhcp4o6Message;
import org.dhcpcluster.protocol.v6.DhcpV6Message;
import org.dhcpcluster.protocol.v6.RelayMessage;
import org.dhcpcluster.protocol.v6.UnknownMessage;
import org.dhcpcluster.protocol.v6.V6Accessors;

/**
 * Any datagram on port 547, relayed or not: the decoder returns a message or throws
 * {@link DecodeException} (what the edge counts as a drop); anything else escaping is a crash
 * of the edge. Every getter of every layer, down into IA_NA/IA_TA/IA_PD and their IAADDR and
 * IAPREFIX options, works on what decodes. Decode, encode, decode gives the same message
 * minus the options the first decode dropped, and encodes to the same octets again.
 *
 * <p>Under {@code mvn test} this replays the inputs in
 * {@code src/test/resources/.../DhcpV6DecoderFuzzTestInputs/}; {@code deploy/fuzz/run.sh v6}
 * fuzzes it.
 */
class DhcpV6DecoderFuzzTest {

    @FuzzTest
    void decodedMessagesReencodeToThemselves(byte[] datagram) {
        DhcpV6Message first;
        try {
            first = DhcpV6Codec.decode(datagram);
        } catch (DecodeException e) {
            assertNotNull(e.reason());
            return;
        }
        V6Accessors.readAll(first);
        byte[] encoded = DhcpV6Codec.encode(first);
        DhcpV6Message second;
        try {
            second = DhcpV6Codec.decode(encoded);
        } catch (DecodeException e) {
            throw new AssertionError("the encoder wrote a datagram its decoder refuses: " + e.getMessage(), e);
        }
        assertEquals(withoutDropped(first), second);
        assertArrayEquals(encoded, DhcpV6Codec.encode(second));
    }

    /** The message as it re-encodes: options dropped on the way in are not written out again. */
    private static DhcpV6Message withoutDropped(DhcpV6Message m) {
        if (m instanceof ClientServerMessage c) {
            return new ClientServerMessage(c.type(), c.transactionId(), c.options(), List.of());
        }
        if (m instanceof Dhcp4o6Message q) {
            return new Dhcp4o6Message(q.type(), q.flags(), q.options(), List.of());
        }
        if (m instanceof RelayMessage r) {
            return new RelayMessage(r.type(), r.hopCount(), r.linkAddress(), r.peerAddress(), r.options(), withoutDropped(r.relayed()));
        }
        return (UnknownMessage) m;
    }
}
