package org.dhcpcluster.protocol.v4.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.DroppedOption;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.OptionCode;
import org.dhcpcluster.protocol.v4.codec.OptionsReader.Field;
import org.dhcpcluster.protocol.v4.option.DhcpV4OptionTable;

/**
 * Datagram to {@link DhcpV4Message} (RFC 2131 sections 2 and 3, RFC 2132, RFC 3396).
 *
 * <p>The whole message is refused, with a {@link DecodeException} subtype, only when the
 * server could not answer it anyway:
 * <ul>
 *   <li>{@link DecodeException.Truncated}: fewer than 240 octets (236-octet header plus the
 *       magic cookie);
 *   <li>{@link DecodeException.InvalidField}: {@code op} is not 1 or 2, or {@code hlen} is
 *       over 16 (chaddr has 16 octets);
 *   <li>{@link DecodeException.BadMagicCookie}: octets 236-239 are not 99.130.83.99;
 *   <li>{@link DecodeException.MalformedOption}: option 53 is not exactly one octet, or was
 *       cut off, because a message whose type cannot be read cannot be answered.
 * </ul>
 *
 * <p>Everything else is tolerated, option by option, as Kea and ISC dhcpd do, and each
 * option left out is listed in {@link DhcpV4Message#droppedOptions()} with the reason:
 * <ol>
 *   <li>PAD octets are skipped anywhere; END ends a field; a field without END ends at its
 *       last octet (common: clients stop right after their last option).
 *   <li>An option whose length octet is missing or runs past the end of its field is dropped,
 *       together with any earlier instances of the same code (the joined value would be
 *       incomplete), and the rest of that field is not read: after one wrong length no later
 *       octet can be trusted to start an option.
 *   <li>Instances of one code are concatenated in order (RFC 3396 section 7), across the
 *       options field, then {@code file}, then {@code sname}, when option 52 says those are
 *       overloaded (RFC 2132 9.3). Overloaded fields are returned empty and option 52 itself
 *       is never kept. A malformed option 52 (not one octet of 1..3) is dropped and both
 *       fields are kept as plain fields; an option 52 found inside {@code file} or
 *       {@code sname} is dropped (RFC 2131 section 4.1: only the options field may carry it).
 *   <li>After concatenation each option in {@link DhcpV4OptionTable} is validated against its
 *       definition (lengths, multiples, RFC ranges such as 57 at least 576, option 82 as
 *       sub-option TLVs, option 119 as DNS names); an invalid one is dropped with the reason.
 *   <li>Unknown option codes are kept as raw bytes.
 *   <li>Octets after END are ignored (they are padding).
 * </ol>
 *
 * <p>No other exception escapes, for any input: every read is bounds-checked against the
 * datagram, and values are validated before a model type that would reject them is built.
 */
final class DhcpV4Decoder {
    private static final int MAX_HLEN = DhcpV4Message.CHADDR_LENGTH;

    private DhcpV4Decoder() {
    }

    static DhcpV4Message decode(byte[] datagram) throws DecodeException {
        if (datagram.length < WireLayout.OPTIONS) {
            throw new DecodeException.Truncated("DHCP header and magic cookie", WireLayout.OPTIONS, datagram.length);
        }
        ByteBuffer in = ByteBuffer.wrap(datagram).asReadOnlyBuffer();
        int op = u8(in, WireLayout.OP);
        if (op != DhcpV4Message.BOOTREQUEST && op != DhcpV4Message.BOOTREPLY) {
            throw new DecodeException.InvalidField("op", "must be 1 (BOOTREQUEST) or 2 (BOOTREPLY), is " + op);
        }
        int hlen = u8(in, WireLayout.HLEN);
        if (hlen > MAX_HLEN) {
            throw new DecodeException.InvalidField("hlen", "chaddr holds at most " + MAX_HLEN + " octets, hlen is " + hlen);
        }
        int cookie = in.getInt(WireLayout.COOKIE);
        if (cookie != WireLayout.MAGIC_COOKIE) {
            throw new DecodeException.BadMagicCookie(cookie);
        }

        RawOptions raw = new RawOptions();
        OptionsReader.read(datagram, WireLayout.OPTIONS, datagram.length, Field.OPTIONS, raw);
        int overload = overload(raw);
        if ((overload & WireLayout.OVERLOAD_FILE) != 0) {
            readOverloaded(datagram, WireLayout.FILE, DhcpV4Message.FILE_LENGTH, Field.FILE, raw);
        }
        if ((overload & WireLayout.OVERLOAD_SNAME) != 0) {
            readOverloaded(datagram, WireLayout.SNAME, DhcpV4Message.SNAME_LENGTH, Field.SNAME, raw);
        }
        OptionValidator.Result options = OptionValidator.validate(raw);

        byte[] sname = (overload & WireLayout.OVERLOAD_SNAME) != 0 ? new byte[0]
                : Arrays.copyOfRange(datagram, WireLayout.SNAME, WireLayout.SNAME + DhcpV4Message.SNAME_LENGTH);
        byte[] file = (overload & WireLayout.OVERLOAD_FILE) != 0 ? new byte[0]
                : Arrays.copyOfRange(datagram, WireLayout.FILE, WireLayout.FILE + DhcpV4Message.FILE_LENGTH);
        return new DhcpV4Message(
                op, u8(in, WireLayout.HTYPE), hlen, u8(in, WireLayout.HOPS),
                in.getInt(WireLayout.XID), u16(in, WireLayout.SECS), u16(in, WireLayout.FLAGS),
                Ipv4.fromInt(in.getInt(WireLayout.CIADDR)), Ipv4.fromInt(in.getInt(WireLayout.YIADDR)),
                Ipv4.fromInt(in.getInt(WireLayout.SIADDR)), Ipv4.fromInt(in.getInt(WireLayout.GIADDR)),
                Arrays.copyOfRange(datagram, WireLayout.CHADDR, WireLayout.CHADDR + DhcpV4Message.CHADDR_LENGTH),
                sname, file, options.options(), options.dropped());
    }

    /**
     * Takes option 52 out of the options read from the options field and returns which
     * fields it overloads (0 when absent or unusable, in which case both stay plain fields).
     */
    private static int overload(RawOptions raw) {
        Optional<RawOptions.Entry> entry = raw.remove(OptionCode.OPTION_OVERLOAD);
        if (entry.isEmpty()) {
            return 0;
        }
        Optional<String> problem = entry.get().incomplete() != null
                ? Optional.of(entry.get().incomplete())
                : DhcpV4OptionTable.byCode(OptionCode.OPTION_OVERLOAD).orElseThrow().validate(entry.get().value());
        if (problem.isPresent()) {
            raw.drop(new DroppedOption(OptionCode.OPTION_OVERLOAD, problem.get() + "; file and sname read as plain fields"));
            return 0;
        }
        return entry.get().value()[0] & 0xFF;
    }

    private static void readOverloaded(byte[] datagram, int offset, int length, Field field, RawOptions raw) {
        OptionsReader.read(datagram, offset, offset + length, field, raw);
        if (raw.remove(OptionCode.OPTION_OVERLOAD).isPresent()) {
            raw.drop(new DroppedOption(OptionCode.OPTION_OVERLOAD, "found in the " + field.wireName
                    + " field and ignored: only the options field may carry it (RFC 2131 section 4.1)"));
        }
    }

    private static int u8(ByteBuffer in, int offset) {
        return in.get(offset) & 0xFF;
    }

    private static int u16(ByteBuffer in, int offset) {
        return in.getShort(offset) & 0xFFFF;
    }
}
