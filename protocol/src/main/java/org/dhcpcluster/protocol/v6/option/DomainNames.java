package org.dhcpcluster.protocol.v6.option;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists of domain names as DHCPv6 carries them (RFC 8415 section 10): RFC 1035 section 3.1
 * wire form, each name a run of length-prefixed labels ending with the zero-length root
 * label, and never compressed. Used by the Domain Search List option (RFC 3646 section 4).
 *
 * <p>Text is "host.example.com" (the root label implied); a dot or backslash inside a label
 * is written {@code \.} or {@code \\}, any octet outside printable ASCII as {@code \DDD}
 * (decimal), as in DNS master files.
 */
public final class DomainNames {
    /** RFC 1035 section 2.3.4: labels of 63 octets or less, names of 255 octets or less on the wire. */
    public static final int MAX_LABEL = 63;
    public static final int MAX_NAME = 255;

    private DomainNames() {
    }

    /** Empty when {@code wire} is one or more whole, uncompressed names; otherwise what is wrong and where. */
    public static Optional<String> problem(byte[] wire) {
        try {
            read(wire);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Reads every name.
     *
     * @throws IllegalArgumentException naming the offset where the octets stop being a name list
     */
    public static List<String> read(byte[] wire) {
        if (wire.length == 0) {
            throw new IllegalArgumentException("the list carries no name");
        }
        List<String> names = new ArrayList<>();
        int p = 0;
        while (p < wire.length) {
            int start = p;
            StringBuilder name = new StringBuilder();
            while (true) {
                if (p >= wire.length) {
                    throw new IllegalArgumentException("the name at offset " + start + " has no root label before the end");
                }
                int len = wire[p] & 0xFF;
                if ((len & 0xC0) == 0xC0) {
                    throw new IllegalArgumentException("compression pointer at offset " + p
                            + ": DHCPv6 names are never compressed (RFC 8415 section 10)");
                }
                if (len > MAX_LABEL) {
                    throw new IllegalArgumentException("label at offset " + p + " is " + len + " octets; labels are at most 63");
                }
                if (p + 1 + len > wire.length) {
                    throw new IllegalArgumentException("label at offset " + p + " claims " + len + " octets but only "
                            + (wire.length - p - 1) + " remain");
                }
                if (p + 1 + len - start > MAX_NAME) {
                    throw new IllegalArgumentException("the name at offset " + start + " is longer than 255 octets");
                }
                if (len == 0) {
                    p++;
                    break;
                }
                if (name.length() > 0) {
                    name.append('.');
                }
                appendLabel(name, wire, p + 1, len);
                p += 1 + len;
            }
            names.add(name.length() == 0 ? "." : name.toString());
        }
        return names;
    }

    /**
     * Writes names given as text ("example.com", with or without the final dot; "." for the root).
     *
     * @throws IllegalArgumentException for empty or over-long labels, bad escapes or over-long names
     */
    public static byte[] encode(List<String> names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String name : names) {
            int start = out.size();
            writeName(name, out);
            if (out.size() - start > MAX_NAME) {
                throw new IllegalArgumentException("domain name '" + name + "' is longer than 255 octets");
            }
        }
        return out.toByteArray();
    }

    private static void appendLabel(StringBuilder sb, byte[] wire, int from, int len) {
        for (int i = from; i < from + len; i++) {
            int c = wire[i] & 0xFF;
            if (c == '.' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c > 0x20 && c < 0x7F) {
                sb.append((char) c);
            } else {
                sb.append('\\').append(String.format("%03d", c));
            }
        }
    }

    private static void writeName(String text, ByteArrayOutputStream out) {
        String t = endsWithSeparator(text) ? text.substring(0, text.length() - 1) : text;
        if (t.isEmpty()) {
            out.write(0);
            return;
        }
        ByteArrayOutputStream label = new ByteArrayOutputStream();
        for (int i = 0; i <= t.length(); i++) {
            if (i == t.length() || t.charAt(i) == '.') {
                if (label.size() == 0 || label.size() > MAX_LABEL) {
                    throw new IllegalArgumentException("domain name '" + text + "' has a label of " + label.size()
                            + " octets; labels are 1 to 63 octets");
                }
                out.write(label.size());
                out.write(label.toByteArray(), 0, label.size());
                label.reset();
            } else if (t.charAt(i) == '\\') {
                i = readEscape(t, i, label, text);
            } else if (t.charAt(i) > 0x20 && t.charAt(i) < 0x7F) {
                label.write(t.charAt(i));
            } else {
                throw new IllegalArgumentException("domain name '" + text + "' has a character outside printable ASCII;"
                        + " write it as \\DDD");
            }
        }
        out.write(0);
    }

    /** Whether the text ends with an unescaped dot (an odd run of backslashes before it escapes it). */
    private static boolean endsWithSeparator(String text) {
        if (!text.endsWith(".")) {
            return false;
        }
        int backslashes = 0;
        for (int i = text.length() - 2; i >= 0 && text.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 0;
    }

    /** Reads the escape starting at {@code i} into {@code label}; returns the index of its last character. */
    private static int readEscape(String t, int i, ByteArrayOutputStream label, String text) {
        if (i + 1 >= t.length()) {
            throw new IllegalArgumentException("domain name '" + text + "' ends with a lone backslash");
        }
        char n = t.charAt(i + 1);
        if (n < '0' || n > '9') {
            label.write(n);
            return i + 1;
        }
        if (i + 4 > t.length() || !t.substring(i + 1, i + 4).chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("domain name '" + text + "' has a \\DDD escape without three digits");
        }
        int v = Integer.parseInt(t.substring(i + 1, i + 4));
        if (v > 255) {
            throw new IllegalArgumentException("domain name '" + text + "' escapes \\" + v + ", which is not an octet");
        }
        label.write(v);
        return i + 3;
    }
}
