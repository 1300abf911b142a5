package org.dhcpcluster.protocol.v4.option;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * NVT ASCII text (RFC 2132 section 2; host name, domain name, root path, message...).
 *
 * <p>On the wire any octets are accepted as long as there is at least one: clients really do
 * send trailing NULs and UTF-8 host names, and refusing them would lose the option for no
 * gain. The text form keeps printable ASCII as is and writes every other octet, and the
 * backslash itself, as {@code \xNN}, so a log line can never carry control characters and
 * {@code parseText(format(v))} restores the exact octets.
 */
enum TextFormat implements ValueFormat {
    INSTANCE;

    @Override
    public Optional<String> validate(byte[] value) {
        // RFC 2132: the text options all have "minimum length ... 1".
        return value.length == 0 ? Optional.of("text must be at least 1 octet") : Optional.empty();
    }

    @Override
    public byte[] parseText(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\\') {
                    out.write('\\');
                    i++;
                    continue;
                }
                if (i + 3 < text.length() && text.charAt(i + 1) == 'x'
                        && hex(text.charAt(i + 2)) >= 0 && hex(text.charAt(i + 3)) >= 0) {
                    out.write(hex(text.charAt(i + 2)) << 4 | hex(text.charAt(i + 3)));
                    i += 3;
                    continue;
                }
                throw new IllegalArgumentException("bad escape at position " + (i + 1)
                        + " of '" + text + "': use \\\\ or \\xNN");
            }
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException("character " + (i + 1) + " of '" + text
                        + "' is not printable ASCII (RFC 2132 NVT ASCII); write it as \\xNN if intended");
            }
            out.write(c);
        }
        return out.toByteArray();
    }

    @Override
    public String format(byte[] value) {
        StringBuilder sb = new StringBuilder(value.length);
        for (byte b : value) {
            int c = b & 0xFF;
            if (c == '\\') {
                sb.append("\\\\");
            } else if (c >= 0x20 && c <= 0x7E) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80 ? Character.digit(c, 16) : -1;
    }
}
