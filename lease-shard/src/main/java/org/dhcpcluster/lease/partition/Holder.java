package org.dhcpcluster.lease.partition;

import java.util.Arrays;
import java.util.HexFormat;
import org.dhcpcluster.lease.serialization.KryoSerializable;

/**
 * Who holds a binding: a client's key in one subnet (v4: its client identifier or hardware
 * address; v6: one identity association of a DUID). The key is opaque bytes to the partition;
 * {@code org.dhcpcluster.lease.v4.ClientKey4} and {@code org.dhcpcluster.lease.v6.IaKey} give
 * them meaning. Two holders are the same when subnet and bytes are equal.
 */
public record Holder(int subnetId, byte[] key) implements KryoSerializable {

    public Holder {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("a holder needs a key");
        }
    }

    /** Whether a slot's subnet and key name this holder. */
    public boolean is(int subnet, byte[] other) {
        return subnetId == subnet && Arrays.equals(key, other);
    }

    /** The same mix {@link HolderIndex} uses, so a holder and its slot hash alike. */
    static int hash(int subnetId, byte[] key) {
        int h = subnetId * 0x9E3779B9;
        for (byte b : key) {
            h = 31 * h + b;
        }
        h ^= h >>> 16;
        h *= 0x85EB_CA6B;
        h ^= h >>> 13;
        h *= 0xC2B2_AE35;
        return h ^ (h >>> 16);
    }

    /** A well-mixed hash of the key alone, stable across JVMs: where a client's home partition is. */
    public int spread() {
        return hash(0, key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Holder other && is(other.subnetId, other.key);
    }

    @Override
    public int hashCode() {
        return hash(subnetId, key);
    }

    @Override
    public String toString() {
        return subnetId + "/" + HexFormat.of().formatHex(key);
    }
}
