package org.dhcpcluster.protocol.v6.option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.protocol.v6.BigEndian;
import org.dhcpcluster.protocol.v6.DhcpV6Options;

/**
 * Finds the option TLVs in a run of octets (RFC 8415 section 21.1: 2-octet code, 2-octet
 * length, value; no padding, no end marker). The same framing holds for a message's options
 * and for the options nested in IA_NA, IAADDR, IA_PD, ..., so the codec and the option views
 * share this one reader. It never throws: where the framing breaks it says so, and nothing
 * after that point can be trusted to start an option.
 */
public final class OptionTlvs {

    /** One option's place: its code, the offset of its 4-octet header, and its value length. */
    public record Located(int code, int offset, int length) {
        public int valueOffset() {
            return offset + 4;
        }

        public int end() {
            return offset + 4 + length;
        }
    }

    /**
     * Where the framing broke. {@code code} is -1 when fewer than 4 octets were left for a
     * header; otherwise the option's length ran past the end.
     */
    public record FramingError(int offset, int code, int needed, int available) {
        public boolean headerCut() {
            return code < 0;
        }

        /** "option header at offset 40" or "option 23 at offset 40", for messages that quote a capture. */
        public String what() {
            return headerCut() ? "option header at offset " + offset : "option " + code + " at offset " + offset;
        }

        public String describe() {
            return what() + " needs " + needed + " octets but only " + available + " remain";
        }
    }

    /** The options found, or the framing error that ended the search. */
    public record Result(List<Located> options, Optional<FramingError> error) {
        public boolean ok() {
            return error.isEmpty();
        }
    }

    private OptionTlvs() {
    }

    /** Locates the options in {@code data[from, to)}. */
    public static Result locate(byte[] data, int from, int to) {
        List<Located> found = new ArrayList<>();
        int p = from;
        while (p < to) {
            if (to - p < 4) {
                return new Result(found, Optional.of(new FramingError(p, -1, 4, to - p)));
            }
            int code = BigEndian.u16(data, p);
            int length = BigEndian.u16(data, p + 2);
            if (to - p - 4 < length) {
                return new Result(found, Optional.of(new FramingError(p, code, length, to - p - 4)));
            }
            found.add(new Located(code, p, length));
            p += 4 + length;
        }
        return new Result(found, Optional.empty());
    }

    /**
     * Reads {@code data[from, end)} as options.
     *
     * @throws IllegalArgumentException describing where the framing breaks
     */
    public static DhcpV6Options parse(byte[] data, int from) {
        Result r = locate(data, from, data.length);
        if (r.error().isPresent()) {
            throw new IllegalArgumentException(r.error().get().describe());
        }
        DhcpV6Options.Builder b = DhcpV6Options.builder();
        for (Located l : r.options()) {
            b.add(l.code(), Arrays.copyOfRange(data, l.valueOffset(), l.end()));
        }
        return b.build();
    }
}
