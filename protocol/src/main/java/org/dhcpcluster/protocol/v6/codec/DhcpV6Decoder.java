package org.dhcpcluster.protocol.v6.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.Dhcp4o6Message;
import org.dhcpcluster.protocol.v6.DhcpV6Message;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.Ipv6;
import org.dhcpcluster.protocol.v6.RelayMessage;
import org.dhcpcluster.protocol.v6.UnknownMessage;
import org.dhcpcluster.protocol.v6.option.OptionTlvs;

/**
 * Datagram to {@link DhcpV6Message} (RFC 8415 sections 8, 9 and 21, RFC 7341 section 6).
 *
 * <p>The whole message is refused, with a {@link DecodeException} subtype, when the server
 * could not answer it anyway:
 * <ul>
 *   <li>{@link DecodeException.Truncated}: the datagram (or a relayed message) is shorter than
 *       its header (4 octets, 34 for a relay message), or an option header or option value
 *       runs past its end: with one length wrong, no later octet can be trusted to start an
 *       option, and RFC 8415 has no padding or end marker to resynchronise on;
 *   <li>{@link DecodeException.MalformedOption}: a Client or Server Identifier or an IA_NA,
 *       IA_TA or IA_PD option is malformed (including anything it nests), or appears twice
 *       (identifiers only); a relay message has no Relay Message option, or two;
 *   <li>{@link DecodeException.RelayTooDeep}: more than {@link RelayMessage#MAX_DEPTH} relay
 *       layers; refused before the deeper layers are read.
 * </ul>
 * Errors inside a relayed message say how deep they were.
 *
 * <p>Everything else is tolerated:
 * <ol>
 *   <li>Any other option the table knows that fails its format is dropped, listed in the
 *       layer's {@code droppedOptions()} with the reason and offset, and the rest kept.
 *   <li>Unknown option codes are kept as raw octets, in order, and re-encode unchanged.
 *   <li>The same code several times is kept several times, in order (RFC 8415 section 21.1).
 *   <li>An unknown message type is not an error: it becomes an {@link UnknownMessage}.
 * </ol>
 *
 * <p>No other exception escapes, for any input: every read is bounds-checked against the
 * datagram, and values are validated before a model type that would reject them is built.
 */
final class DhcpV6Decoder {

    private DhcpV6Decoder() {
    }

    static DhcpV6Message decode(byte[] datagram) throws DecodeException {
        return decode(datagram, 0, datagram.length, 0);
    }

    /** Decodes {@code d[from, to)}, a message inside {@code depth} relay layers. */
    private static DhcpV6Message decode(byte[] d, int from, int to, int depth) throws DecodeException {
        String where = depth == 0 ? "" : " in the message relayed at depth " + depth;
        if (to - from < 1) {
            throw new DecodeException.Truncated("msg-type" + where, 1, 0);
        }
        ByteBuffer in = ByteBuffer.wrap(d).asReadOnlyBuffer();
        DhcpV6MessageType type = DhcpV6MessageType.valueOf(in.get(from + V6WireLayout.MSG_TYPE) & 0xFF);
        switch (type.layout()) {
            case UNKNOWN:
                return new UnknownMessage(type, Arrays.copyOfRange(d, from + 1, to));
            case RELAY:
                return relay(d, in, from, to, depth, type, where);
            default:
                break;
        }
        if (to - from < V6WireLayout.SHORT_HEADER) {
            throw new DecodeException.Truncated(type + " header" + where, V6WireLayout.SHORT_HEADER, to - from);
        }
        int field = (in.getShort(from + 1) & 0xFFFF) << 8 | (in.get(from + 3) & 0xFF);
        OptionListDecoder.Decoded o = OptionListDecoder.decode(d, from + V6WireLayout.SHORT_HEADER, to, false, where);
        return type.layout() == DhcpV6MessageType.Layout.DHCP4O6
                ? new Dhcp4o6Message(type, field, o.options(), o.dropped())
                : new ClientServerMessage(type, field, o.options(), o.dropped());
    }

    private static RelayMessage relay(byte[] d, ByteBuffer in, int from, int to, int depth, DhcpV6MessageType type,
                                      String where) throws DecodeException {
        if (depth + 1 > RelayMessage.MAX_DEPTH) {
            throw new DecodeException.RelayTooDeep(RelayMessage.MAX_DEPTH);
        }
        if (to - from < V6WireLayout.RELAY_HEADER) {
            throw new DecodeException.Truncated(type + " header" + where, V6WireLayout.RELAY_HEADER, to - from);
        }
        OptionListDecoder.Decoded o = OptionListDecoder.decode(d, from + V6WireLayout.RELAY_HEADER, to, true, where);
        OptionTlvs.Located relayed = o.relayMessage().orElseThrow(); // the option decoder refuses a relay without it
        DhcpV6Message inner = decode(d, relayed.valueOffset(), relayed.end(), depth + 1);
        return new RelayMessage(type, in.get(from + V6WireLayout.HOP_COUNT) & 0xFF,
                Ipv6.fromBytes(d, from + V6WireLayout.LINK_ADDRESS), Ipv6.fromBytes(d, from + V6WireLayout.PEER_ADDRESS),
                o.options(), inner, o.dropped());
    }
}
