package org.dhcpcluster.protocol.v6.option;

/** Range check for the unsigned 32-bit fields the option views keep in a {@code long}. */
final class Uint32 {
    static final long MAX = 0xFFFF_FFFFL;

    private Uint32() {
    }

    /** @throws IllegalArgumentException naming the field if {@code value} does not fit 32 unsigned bits */
    static long check(String field, long value) {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException(field + " is an unsigned 32-bit number: " + value);
        }
        return value;
    }
}
