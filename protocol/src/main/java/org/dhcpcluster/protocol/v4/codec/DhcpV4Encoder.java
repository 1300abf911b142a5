package org.dhcpcluster.protocol.v4.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.DhcpV4Option;
import org.dhcpcluster.protocol.v4.OptionCode;
import org.dhcpcluster.protocol.v4.codec.OptionPacker.Instance;

/**
 * {@link DhcpV4Message} to datagram payload (RFC 2131 section 2, RFC 2132, RFC 3396).
 *
 * <ul>
 *   <li>Option 53 goes first, the rest in the message's order: RFC 2131 does not require it,
 *       but clients and packet filters commonly look for the type first.
 *   <li>Options longer than 255 octets become consecutive instances (RFC 3396 section 6).
 *   <li>When the options do not fit {@code maxPayload}, they overflow into {@code file}, then
 *       {@code sname} (RFC 2132 9.3), announced by option 52 right after option 53, each
 *       overloaded field ending with END and zero padding (RFC 2131 section 4.1). A field is
 *       used only if the message leaves it all zeros, and {@code sname} only if {@code file}
 *       alone is not enough, so a boot file name or server name is never overwritten.
 *   <li>The payload is zero-padded (PAD octets) to 300 octets, the BOOTP minimum of RFC 1542
 *       section 2.1 (within {@code maxPayload}).
 * </ul>
 */
final class DhcpV4Encoder {
    private static final int OVERLOAD_OPTION_LENGTH = 3;

    private DhcpV4Encoder() {
    }

    static byte[] encode(DhcpV4Message message, int maxPayload) {
        List<DhcpV4Option> options = wireOrder(message);
        // Room for option instances in the options field, END excluded.
        int room = maxPayload - WireLayout.OPTIONS - 1;
        if (room >= 0) {
            List<List<Instance>> plain = OptionPacker.pack(options, room);
            if (plain != null) {
                return write(message, plain.get(0), List.of(), List.of(), 0, maxPayload);
            }
        }
        boolean fileFree = allZero(message.file());
        boolean snameFree = allZero(message.sname());
        byte[] overloaded = room - OVERLOAD_OPTION_LENGTH < 0 ? null
                : overloaded(message, options, room - OVERLOAD_OPTION_LENGTH, fileFree, snameFree, maxPayload);
        if (overloaded != null) {
            return overloaded;
        }
        int required = WireLayout.OPTIONS + OptionPacker.unsplitSize(options) + 1;
        throw new DhcpEncodeException(required, maxPayload, whyItDoesNotFit(fileFree, snameFree));
    }

    /** Tries file alone, then file and sname, or sname alone when file carries data; null if nothing fits. */
    private static byte[] overloaded(DhcpV4Message message, List<DhcpV4Option> options, int room,
                                     boolean fileFree, boolean snameFree, int maxPayload) {
        int file = DhcpV4Message.FILE_LENGTH - 1;   // each overloaded field keeps one octet for END
        int sname = DhcpV4Message.SNAME_LENGTH - 1;
        if (fileFree) {
            List<List<Instance>> p = OptionPacker.pack(options, room, file);
            if (p != null) {
                return write(message, p.get(0), p.get(1), List.of(), WireLayout.OVERLOAD_FILE, maxPayload);
            }
            if (snameFree) {
                p = OptionPacker.pack(options, room, file, sname);
                if (p != null) {
                    return write(message, p.get(0), p.get(1), p.get(2), overloadValue(p.get(1), p.get(2)), maxPayload);
                }
            }
        } else if (snameFree) {
            List<List<Instance>> p = OptionPacker.pack(options, room, sname);
            if (p != null) {
                return write(message, p.get(0), List.of(), p.get(1), WireLayout.OVERLOAD_SNAME, maxPayload);
            }
        }
        return null;
    }

    private static String whyItDoesNotFit(boolean fileFree, boolean snameFree) {
        if (fileFree && snameFree) {
            return "it does not fit even with the file and sname fields overloaded (RFC 2132 section 9.3)";
        }
        if (fileFree || snameFree) {
            return "it does not fit even with the " + (fileFree ? "file" : "sname") + " field overloaded, and the "
                    + (fileFree ? "sname" : "file") + " field carries data so it cannot be (RFC 2132 section 9.3)";
        }
        return "the file and sname fields carry data, so they cannot be overloaded (RFC 2132 section 9.3)";
    }

    /** Option 53 first, then the rest in the message's order. */
    private static List<DhcpV4Option> wireOrder(DhcpV4Message message) {
        List<DhcpV4Option> all = message.options().all();
        List<DhcpV4Option> ordered = new ArrayList<>(all.size());
        message.options().option(OptionCode.DHCP_MESSAGE_TYPE).ifPresent(ordered::add);
        for (DhcpV4Option o : all) {
            if (o.code() != OptionCode.DHCP_MESSAGE_TYPE) {
                ordered.add(o);
            }
        }
        return ordered;
    }

    private static int overloadValue(List<Instance> file, List<Instance> sname) {
        return (file.isEmpty() ? 0 : WireLayout.OVERLOAD_FILE) | (sname.isEmpty() ? 0 : WireLayout.OVERLOAD_SNAME);
    }

    private static byte[] write(DhcpV4Message m, List<Instance> inOptions, List<Instance> inFile, List<Instance> inSname,
                                int overload, int maxPayload) {
        int optionsLength = (overload != 0 ? OVERLOAD_OPTION_LENGTH : 0) + 1;
        for (Instance i : inOptions) {
            optionsLength += i.wireLength();
        }
        int length = Math.max(WireLayout.OPTIONS + optionsLength, Math.min(WireLayout.BOOTP_MINIMUM, maxPayload));
        ByteBuffer out = ByteBuffer.allocate(length); // zero-filled: padding is PAD octets
        out.put((byte) m.op()).put((byte) m.htype()).put((byte) m.hlen()).put((byte) m.hops())
                .putInt(m.xid()).putShort((short) m.secs()).putShort((short) m.flags())
                .put(m.ciaddr().getAddress()).put(m.yiaddr().getAddress())
                .put(m.siaddr().getAddress()).put(m.giaddr().getAddress())
                .put(m.chaddr());
        writeField(out, WireLayout.SNAME, DhcpV4Message.SNAME_LENGTH, m.sname(), (overload & WireLayout.OVERLOAD_SNAME) != 0, inSname);
        writeField(out, WireLayout.FILE, DhcpV4Message.FILE_LENGTH, m.file(), (overload & WireLayout.OVERLOAD_FILE) != 0, inFile);
        out.putInt(WireLayout.COOKIE, WireLayout.MAGIC_COOKIE);
        out.position(WireLayout.OPTIONS);
        boolean overloadWritten = overload == 0;
        for (Instance i : inOptions) {
            if (!overloadWritten && i.code() != OptionCode.DHCP_MESSAGE_TYPE) {
                writeOverload(out, overload);
                overloadWritten = true;
            }
            i.writeTo(out);
        }
        if (!overloadWritten) {
            writeOverload(out, overload);
        }
        out.put((byte) WireLayout.END);
        return out.array();
    }

    /** A plain field is copied; an overloaded one gets its options, END, and zeros (RFC 2131 section 4.1). */
    private static void writeField(ByteBuffer out, int offset, int size, byte[] plain, boolean overloaded, List<Instance> options) {
        out.position(offset);
        if (!overloaded) {
            out.put(plain, 0, size);
            return;
        }
        for (Instance i : options) {
            i.writeTo(out);
        }
        out.put((byte) WireLayout.END);
    }

    private static void writeOverload(ByteBuffer out, int overload) {
        out.put((byte) OptionCode.OPTION_OVERLOAD).put((byte) 1).put((byte) overload);
    }

    private static boolean allZero(byte[] field) {
        for (byte b : field) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
