package org.dhcpcluster.protocol.v4.option;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Option 81, client FQDN (RFC 4702 section 2): flags, RCODE1, RCODE2, then the name. With
 * the E flag the name is in canonical wire form, uncompressed (section 2.3.1), and may be a
 * partial name without the root label; without it the name is the deprecated ASCII form.
 *
 * <p>Rejected: fewer than 3 octets; N and S both set (section 2.1: "If the N bit is 1, the
 * S bit MUST be 0"), because no reading of it is safe; with E, a compression pointer, a
 * reserved label type, a label past the end, or anything after the root label. MBZ flag bits
 * are ignored as the RFC says, and kept.
 *
 * <p>Text: {@code flags=SE rcode1=0 rcode2=0 name=host.example.com.}. Flags are letters S, O,
 * E, N ("-" for none; "0xNN" when MBZ bits are set); the rcodes default to 0 (section 2.2:
 * what a client sends); the name ends with "." when it is fully qualified.
 */
enum FqdnFormat implements ValueFormat {
    INSTANCE;

    static final int FLAG_S = 0x01;
    static final int FLAG_O = 0x02;
    static final int FLAG_E = 0x04;
    static final int FLAG_N = 0x08;
    private static final String LETTERS = "SOEN";

    @Override
    public Optional<String> validate(byte[] value) {
        if (value.length < 3) {
            return Optional.of("needs flags, RCODE1 and RCODE2 (3 octets), got " + value.length);
        }
        int flags = value[0] & 0xFF;
        if ((flags & FLAG_N) != 0 && (flags & FLAG_S) != 0) {
            return Optional.of("flags N and S are both set (RFC 4702 section 2.1 forbids it)");
        }
        if ((flags & FLAG_E) != 0) {
            try {
                readCanonical(value);
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
        }
        return Optional.empty();
    }

    @Override
    public byte[] parseText(String text) {
        String t = text.trim();
        int nameAt = t.indexOf("name=");
        String head = nameAt < 0 ? t : t.substring(0, nameAt);
        String name = nameAt < 0 ? "" : t.substring(nameAt + 5);
        Integer flags = null;
        int rcode1 = 0;
        int rcode2 = 0;
        for (String token : head.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (token.startsWith("flags=")) {
                flags = parseFlags(token.substring(6));
            } else if (token.startsWith("rcode1=")) {
                rcode1 = (int) IntegerFormat.parseDecimal(token.substring(7), 0, 255);
            } else if (token.startsWith("rcode2=")) {
                rcode2 = (int) IntegerFormat.parseDecimal(token.substring(7), 0, 255);
            } else {
                throw new IllegalArgumentException("unexpected '" + token + "' in fqdn value; expected flags=, rcode1=, rcode2=, name=");
            }
        }
        if (flags == null) {
            throw new IllegalArgumentException("fqdn value needs flags= (e.g. 'flags=SE name=host.example.com.')");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(flags);
        out.write(rcode1);
        out.write(rcode2);
        if ((flags & FLAG_E) != 0) {
            if (!name.isEmpty()) {
                DnsName.parse(name).writeUncompressed(out);
            }
        } else {
            byte[] ascii = name.isEmpty() ? new byte[0] : TextFormat.INSTANCE.parseText(name);
            out.write(ascii, 0, ascii.length);
        }
        return out.toByteArray();
    }

    @Override
    public String format(byte[] value) {
        int flags = value[0] & 0xFF;
        String name;
        if ((flags & FLAG_E) != 0) {
            name = readCanonical(value).toText();
        } else {
            name = TextFormat.INSTANCE.format(Arrays.copyOfRange(value, 3, value.length));
        }
        return "flags=" + formatFlags(flags) + " rcode1=" + (value[1] & 0xFF) + " rcode2=" + (value[2] & 0xFF)
                + " name=" + name;
    }

    private static String formatFlags(int flags) {
        if ((flags & 0xF0) != 0) {
            return String.format("0x%02x", flags);
        }
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < 4; bit++) {
            if ((flags & 1 << bit) != 0) {
                sb.append(LETTERS.charAt(bit));
            }
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }

    private static int parseFlags(String s) {
        if (s.equals("-")) {
            return 0;
        }
        if (s.startsWith("0x") || s.startsWith("0X")) {
            byte[] b = HexBytesFormat.parseHex(s);
            if (b.length != 1) {
                throw new IllegalArgumentException("flags '" + s + "' must be one octet");
            }
            return b[0] & 0xFF;
        }
        int flags = 0;
        for (char c : s.toCharArray()) {
            int bit = LETTERS.indexOf(Character.toUpperCase(c));
            if (bit < 0) {
                throw new IllegalArgumentException("unknown fqdn flag '" + c + "' (use S, O, E, N, '-' or 0xNN)");
            }
            flags |= 1 << bit;
        }
        return flags;
    }

    /** The canonical-form name after the 3 fixed octets: labels, then optionally the root label as the last octet. */
    private static DnsName readCanonical(byte[] value) {
        List<byte[]> labels = new ArrayList<>();
        int p = 3;
        int wire = 0;
        while (p < value.length) {
            int len = value[p] & 0xFF;
            if (len == 0) {
                if (p != value.length - 1) {
                    throw new IllegalArgumentException("octets follow the root label at offset " + p);
                }
                return new DnsName(labels, true);
            }
            if ((len & 0xC0) != 0) {
                throw new IllegalArgumentException("label at offset " + p + " is a compression pointer or reserved type;"
                        + " RFC 4702 section 2.3.1 names are uncompressed");
            }
            if (p + 1 + len > value.length) {
                throw new IllegalArgumentException("label at offset " + p + " claims " + len + " octets but only "
                        + (value.length - p - 1) + " remain");
            }
            wire += 1 + len;
            if (wire + 1 > DnsName.MAX_NAME) {
                throw new IllegalArgumentException("the name is longer than 255 octets");
            }
            labels.add(Arrays.copyOfRange(value, p + 1, p + 1 + len));
            p += 1 + len;
        }
        return new DnsName(labels, false);
    }
}
