package org.dhcpcluster.lease.v6.policy;

import java.util.Arrays;
import java.util.HexFormat;

/** A configured DHCPv6 option, already encoded: its code and the bytes of its value. */
public record OptionData6(int code, byte[] value) {

    public OptionData6 {
        if (code < 1 || code > 0xFFFF) {
            throw new IllegalArgumentException("option code " + code + " is outside 1-65535");
        }
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("option " + code + " value exceeds 65535 octets");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptionData6 other && code == other.code && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "option " + code + "=" + HexFormat.of().formatHex(value);
    }
}
