package org.dhcpcluster.protocol.v4.option;

import java.util.Optional;

/** Fixed-size big-endian integers (RFC 2132 section 2: "network byte order"). */
enum IntegerFormat implements ValueFormat {
    UINT8(1, false), UINT16(2, false), UINT32(4, false), INT32(4, true);

    private final int width;
    private final boolean signed;

    IntegerFormat(int width, boolean signed) {
        this.width = width;
        this.signed = signed;
    }

    long min() {
        return signed ? Integer.MIN_VALUE : 0;
    }

    long max() {
        return signed ? Integer.MAX_VALUE : (1L << (8 * width)) - 1;
    }

    /** The value of {@code value} read as this type; the caller has validated its length. */
    long read(byte[] value) {
        long v = 0;
        for (byte b : value) {
            v = v << 8 | (b & 0xFF);
        }
        return signed ? (int) v : v;
    }

    @Override
    public Optional<String> validate(byte[] value) {
        return value.length == width ? Optional.empty()
                : Optional.of("a " + name().toLowerCase() + " is " + width + " octet" + (width == 1 ? "" : "s")
                        + ", got " + value.length);
    }

    @Override
    public byte[] parseText(String text) {
        long v = parseDecimal(text.trim(), min(), max());
        byte[] out = new byte[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = (byte) v;
            v >>= 8;
        }
        return out;
    }

    @Override
    public String format(byte[] value) {
        return Long.toString(read(value));
    }

    /** Strict decimal: optional leading '-', ASCII digits only (no "+", no hex, no Unicode digits). */
    static long parseDecimal(String s, long min, long max) {
        boolean negative = s.startsWith("-");
        String digits = negative ? s.substring(1) : s;
        if (digits.isEmpty() || digits.length() > 11 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + s + "' is not a decimal integer");
        }
        long v = Long.parseLong(s);
        if (v < min || v > max) {
            throw new IllegalArgumentException(s + " is out of range " + min + ".." + max);
        }
        return v;
    }
}
