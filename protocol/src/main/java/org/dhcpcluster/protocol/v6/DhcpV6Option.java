package org.dhcpcluster.protocol.v6;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One option as carried on the wire (RFC 8415 section 21.1): a 16-bit code and a value of
 * up to 65535 octets. Options that contain options (IA_NA, IAADDR, ...) keep their nested
 * options inside the value; typed views in {@code v6.option} read them.
 */
public record DhcpV6Option(int code, byte[] value) {
    public static final int MAX_LENGTH = 0xFFFF;

    public DhcpV6Option {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("option code is 16 bits: " + code);
        }
        if (value.length > MAX_LENGTH) {
            throw new IllegalArgumentException("option " + code + " value is " + value.length
                    + " octets; option-len is 16 bits (RFC 8415 section 21.1)");
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
        return o instanceof DhcpV6Option other && code == other.code && Arrays.equals(value, other.value);
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
