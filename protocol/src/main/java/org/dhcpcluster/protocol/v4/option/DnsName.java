package org.dhcpcluster.protocol.v4.option;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A DNS name as its labels, and its two text/wire conversions (RFC 1035 sections 3.1 and
 * 5.1). Shared by the domain search list (RFC 3397) and the client FQDN (RFC 4702).
 *
 * <p>Text escapes follow the master-file convention: {@code \.} and {@code \\} for a dot or
 * backslash inside a label, {@code \DDD} (decimal) for any octet that is not printable ASCII
 * or is a space or comma (the comma separates list items in configuration).
 *
 * @param absolute whether the name ends with the root label (a fully qualified name); RFC 4702
 *                 also carries "partial" names that do not
 */
record DnsName(List<byte[]> labels, boolean absolute) {
    /** RFC 1035 2.3.4: labels are 63 octets or less, names 255 octets or less on the wire. */
    static final int MAX_LABEL = 63;
    static final int MAX_NAME = 255;

    DnsName {
        labels = List.copyOf(labels);
    }

    /** Octets this name takes in uncompressed wire form, root label included when absolute. */
    int wireLength() {
        int n = absolute ? 1 : 0;
        for (byte[] l : labels) {
            n += 1 + l.length;
        }
        return n;
    }

    void writeUncompressed(ByteArrayOutputStream out) {
        for (byte[] l : labels) {
            out.write(l.length);
            out.write(l, 0, l.length);
        }
        if (absolute) {
            out.write(0);
        }
    }

    /** Labels {@code from..end} as text, for compression keys and for {@link #toText()}. */
    String suffixText(int from) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < labels.size(); i++) {
            if (i > from) {
                sb.append('.');
            }
            appendLabel(sb, labels.get(i));
        }
        return sb.toString();
    }

    /** "host.example.com" for a relative name, "host.example.com." for an absolute one, "." for the root. */
    String toText() {
        if (labels.isEmpty()) {
            return absolute ? "." : "";
        }
        return suffixText(0) + (absolute ? "." : "");
    }

    private static void appendLabel(StringBuilder sb, byte[] label) {
        for (byte b : label) {
            int c = b & 0xFF;
            if (c == '.' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c > 0x20 && c < 0x7F && c != ',') {
                sb.append((char) c);
            } else {
                sb.append('\\').append(String.format("%03d", c));
            }
        }
    }

    /**
     * Reads "host.example.com" (relative) or "host.example.com." (absolute); "." is the root,
     * "" the empty relative name.
     *
     * @throws IllegalArgumentException for empty labels, bad escapes or over-long labels/names
     */
    static DnsName parse(String text) {
        if (text.equals(".")) {
            return new DnsName(List.of(), true);
        }
        List<byte[]> labels = new ArrayList<>();
        ByteArrayOutputStream label = new ByteArrayOutputStream();
        boolean absolute = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (label.size() == 0) {
                    throw new IllegalArgumentException("empty label in domain name '" + text + "'");
                }
                labels.add(finishLabel(label, text));
                absolute = i == text.length() - 1;
            } else if (c == '\\') {
                i = readEscape(text, i, label);
            } else if (c > 0x20 && c < 0x7F) {
                label.write(c);
            } else {
                throw new IllegalArgumentException("character " + (i + 1) + " of domain name '" + text
                        + "' must be printable ASCII; write other octets as \\DDD");
            }
        }
        if (label.size() > 0) {
            labels.add(finishLabel(label, text));
            absolute = false;
        }
        DnsName name = new DnsName(labels, absolute);
        if (name.wireLength() + (absolute ? 0 : 1) > MAX_NAME) {
            throw new IllegalArgumentException("domain name '" + text + "' is longer than " + MAX_NAME + " octets");
        }
        return name;
    }

    private static byte[] finishLabel(ByteArrayOutputStream label, String text) {
        if (label.size() > MAX_LABEL) {
            throw new IllegalArgumentException("a label of '" + text + "' is longer than " + MAX_LABEL + " octets");
        }
        byte[] l = label.toByteArray();
        label.reset();
        return l;
    }

    private static int readEscape(String text, int i, ByteArrayOutputStream label) {
        if (i + 1 >= text.length()) {
            throw new IllegalArgumentException("domain name '" + text + "' ends with a lone backslash");
        }
        char n = text.charAt(i + 1);
        if (n >= '0' && n <= '9') {
            if (!isDigits(text, i + 1, i + 4)) {
                throw new IllegalArgumentException("bad \\DDD escape in domain name '" + text + "'");
            }
            int v = Integer.parseInt(text.substring(i + 1, i + 4));
            if (v > 255) {
                throw new IllegalArgumentException("\\" + v + " is not an octet in domain name '" + text + "'");
            }
            label.write(v);
            return i + 3;
        }
        label.write(n);
        return i + 1;
    }

    private static boolean isDigits(String s, int from, int to) {
        if (to > s.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DnsName other) || absolute != other.absolute || labels.size() != other.labels.size()) {
            return false;
        }
        for (int i = 0; i < labels.size(); i++) {
            if (!Arrays.equals(labels.get(i), other.labels.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return toText().hashCode();
    }

    @Override
    public String toString() {
        return toText();
    }
}
