package org.dhcpcluster.protocol.v4.option;

import java.util.HexFormat;
import java.util.Optional;

/**
 * Opaque octets. Text is hex, either colon-separated pairs ("01:02:0a", the form Kea and
 * ISC dhcpd use and the form {@link #format} writes) or one unbroken string ("01020a",
 * optionally with a "0x" prefix). The empty string is the empty value.
 */
enum HexBytesFormat implements ValueFormat {
    INSTANCE;

    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

    @Override
    public Optional<String> validate(byte[] value) {
        return Optional.empty();
    }

    @Override
    public byte[] parseText(String text) {
        return parseHex(text);
    }

    @Override
    public String format(byte[] value) {
        return COLONS.formatHex(value);
    }

    static byte[] parseHex(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return new byte[0];
        }
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        String digits = t.indexOf(':') >= 0 ? joinPairs(t, text) : t;
        if (digits.length() % 2 != 0 || !digits.chars().allMatch(HexBytesFormat::isHexDigit)) {
            throw new IllegalArgumentException("'" + text + "' is not hex octets (e.g. 01:02:0a)");
        }
        return HexFormat.of().parseHex(digits);
    }

    private static String joinPairs(String t, String original) {
        StringBuilder sb = new StringBuilder(t.length());
        for (String pair : t.split(":", -1)) {
            if (pair.length() != 2) {
                throw new IllegalArgumentException("'" + original + "': each octet is two hex digits, found '" + pair + "'");
            }
            sb.append(pair);
        }
        return sb.toString();
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
