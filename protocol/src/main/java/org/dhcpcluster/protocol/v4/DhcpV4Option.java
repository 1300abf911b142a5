package org.dhcpcluster.protocol.v4;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One option as carried on the wire, after RFC 3396 concatenation: a code and its whole
 * value, which may be longer than 255 octets. Typed views come from the option table.
 */
public record DhcpV4Option(int code, byte[] value) {

    public DhcpV4Option {
        if (code <= 0 || code >= 255) {
            throw new IllegalArgumentException("option code must be 1..254 (0 is PAD, 255 is END): " + code);
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpV4Option other && code == other.code && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return code + "=" + HexFormat.of().formatHex(value);
    }
}
