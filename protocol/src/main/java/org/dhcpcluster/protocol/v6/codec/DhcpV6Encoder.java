package org.dhcpcluster.protocol.v6.codec;

import java.nio.ByteBuffer;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.Dhcp4o6Message;
import org.dhcpcluster.protocol.v6.DhcpV6Message;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.RelayMessage;
import org.dhcpcluster.protocol.v6.UnknownMessage;

/**
 * {@link DhcpV6Message} to datagram payload (RFC 8415 sections 8, 9 and 21.1, RFC 7341
 * section 6). Options are written in the message's order, each as code, length, value,
 * with no padding (section 21.1 defines none). A relay layer's Relay Message option
 * follows its other options and holds the encoded relayed message. The size is computed
 * first, so each message is written once into one buffer.
 */
final class DhcpV6Encoder {

    private DhcpV6Encoder() {
    }

    static byte[] encode(DhcpV6Message message) {
        ByteBuffer out = ByteBuffer.allocate(length(message));
        write(message, out);
        return out.array();
    }

    /**
     * Octets the message takes.
     *
     * @throws IllegalArgumentException if a relayed message is too long for option 9's 16-bit length
     */
    static int length(DhcpV6Message m) {
        if (m instanceof ClientServerMessage c) {
            return V6WireLayout.SHORT_HEADER + c.options().wireLength();
        }
        if (m instanceof Dhcp4o6Message q) {
            return V6WireLayout.SHORT_HEADER + q.options().wireLength();
        }
        if (m instanceof UnknownMessage u) {
            return 1 + u.body().length;
        }
        RelayMessage r = (RelayMessage) m;
        int inner = length(r.relayed());
        if (inner > DhcpV6Option.MAX_LENGTH) {
            throw new IllegalArgumentException("the relayed " + r.relayed().type() + " is " + inner
                    + " octets, more than the Relay Message option's 16-bit length can carry");
        }
        return V6WireLayout.RELAY_HEADER + r.options().wireLength() + V6WireLayout.OPTION_HEADER + inner;
    }

    private static void write(DhcpV6Message m, ByteBuffer out) {
        out.put((byte) m.type().code());
        if (m instanceof ClientServerMessage c) {
            putU24(out, c.transactionId());
            writeOptions(c.options(), out);
        } else if (m instanceof Dhcp4o6Message q) {
            putU24(out, q.flags());
            writeOptions(q.options(), out);
        } else if (m instanceof UnknownMessage u) {
            out.put(u.body());
        } else {
            RelayMessage r = (RelayMessage) m;
            out.put((byte) r.hopCount()).put(r.linkAddress().getAddress()).put(r.peerAddress().getAddress());
            writeOptions(r.options(), out);
            out.putShort((short) DhcpV6OptionCode.RELAY_MSG).putShort((short) length(r.relayed()));
            write(r.relayed(), out);
        }
    }

    private static void writeOptions(DhcpV6Options options, ByteBuffer out) {
        for (DhcpV6Option o : options.all()) {
            out.putShort((short) o.code()).putShort((short) o.length()).put(o.value());
        }
    }

    private static void putU24(ByteBuffer out, int v) {
        out.put((byte) (v >>> 16)).put((byte) (v >>> 8)).put((byte) v);
    }
}
