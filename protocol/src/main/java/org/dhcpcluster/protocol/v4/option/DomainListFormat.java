package org.dhcpcluster.protocol.v4.option;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Option 119, domain search list (RFC 3397 section 2): DNS names in wire form, back to back,
 * using RFC 1035 section 4.1.4 compression pointers whose offsets count from the start of the
 * (RFC 3396 concatenated) option data.
 *
 * <p>Decoding is strict about what could loop or overrun: every pointer must point before the
 * place the previous jump of the same name landed (the start of the name for the first jump),
 * so offsets strictly decrease and reading always ends; label types 01 and 10 are rejected;
 * names are limited to 255 octets. Encoding compresses repeated suffixes, as RFC 3397 intends
 * for a list that usually shares its parent domains.
 */
enum DomainListFormat implements ValueFormat {
    INSTANCE;

    /** Compression pointers carry 14 bits of offset. */
    private static final int MAX_POINTER_TARGET = 0x3FFF;

    @Override
    public Optional<String> validate(byte[] value) {
        try {
            if (read(value).isEmpty()) {
                return Optional.of("the search list needs at least one name");
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public byte[] parseText(String text) {
        List<DnsName> names = new ArrayList<>();
        for (String item : TextLists.split(text)) {
            DnsName n = DnsName.parse(item);
            // Search list entries are always fully qualified on the wire.
            names.add(new DnsName(n.labels(), true));
        }
        return encode(names);
    }

    @Override
    public String format(byte[] value) {
        List<String> items = new ArrayList<>();
        for (DnsName n : read(value)) {
            items.add(n.labels().isEmpty() ? "." : n.suffixText(0));
        }
        return TextLists.join(items);
    }

    /** Writes the names, replacing every suffix already written by a pointer to it. */
    static byte[] encode(List<DnsName> names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, Integer> suffixAt = new HashMap<>();
        for (DnsName name : names) {
            List<byte[]> labels = name.labels();
            int i = 0;
            for (; i < labels.size(); i++) {
                Integer at = suffixAt.get(name.suffixText(i));
                if (at != null) {
                    out.write(0xC0 | at >> 8);
                    out.write(at & 0xFF);
                    break;
                }
                if (out.size() <= MAX_POINTER_TARGET) {
                    suffixAt.put(name.suffixText(i), out.size());
                }
                out.write(labels.get(i).length);
                out.write(labels.get(i), 0, labels.get(i).length);
            }
            if (i == labels.size()) {
                out.write(0);
            }
        }
        return out.toByteArray();
    }

    /**
     * Reads every name in the option.
     *
     * @throws IllegalArgumentException naming the offset at which the data stops making sense
     */
    static List<DnsName> read(byte[] data) {
        List<DnsName> names = new ArrayList<>();
        int pos = 0;
        while (pos < data.length) {
            int[] next = new int[1];
            names.add(readName(data, pos, next));
            pos = next[0];
        }
        return names;
    }

    private static DnsName readName(byte[] data, int start, int[] next) {
        List<byte[]> labels = new ArrayList<>();
        int p = start;
        int limit = start;
        int end = -1;
        int wire = 1;
        while (true) {
            if (p >= data.length) {
                throw new IllegalArgumentException("the name at offset " + start + " runs past the end of the option");
            }
            int len = data[p] & 0xFF;
            if (len == 0) {
                next[0] = end < 0 ? p + 1 : end;
                return new DnsName(labels, true);
            }
            if ((len & 0xC0) == 0xC0) {
                if (p + 1 >= data.length) {
                    throw new IllegalArgumentException("compression pointer at offset " + p + " is cut off");
                }
                int target = (len & 0x3F) << 8 | (data[p + 1] & 0xFF);
                if (target >= limit) {
                    throw new IllegalArgumentException("compression pointer at offset " + p + " points forward (to "
                            + target + "); only earlier names may be referenced");
                }
                if (end < 0) {
                    end = p + 2;
                }
                limit = target;
                p = target;
                continue;
            }
            if ((len & 0xC0) != 0) {
                throw new IllegalArgumentException("label at offset " + p + " has reserved type bits 0x"
                        + Integer.toHexString(len & 0xC0));
            }
            if (p + 1 + len > data.length) {
                throw new IllegalArgumentException("label at offset " + p + " claims " + len + " octets but only "
                        + (data.length - p - 1) + " remain");
            }
            wire += 1 + len;
            if (wire > DnsName.MAX_NAME) {
                throw new IllegalArgumentException("the name at offset " + start + " is longer than 255 octets");
            }
            labels.add(Arrays.copyOfRange(data, p + 1, p + 1 + len));
            p += 1 + len;
        }
    }
}
