package org.dhcpcluster.lease.v4.policy;

import org.dhcpcluster.protocol.v4.Ipv4;

/** An inclusive range of IPv4 addresses, held as unsigned 32-bit values in ints. */
public record AddressRange(int first, int last) {

    public AddressRange {
        if (Integer.compareUnsigned(first, last) > 0) {
            throw new IllegalArgumentException("range starts after it ends: " + Ipv4.format(first) + " - " + Ipv4.format(last));
        }
    }

    public boolean contains(int address) {
        return Integer.compareUnsigned(address, first) >= 0 && Integer.compareUnsigned(address, last) <= 0;
    }

    public long size() {
        return Integer.toUnsignedLong(last) - Integer.toUnsignedLong(first) + 1;
    }

    public boolean overlaps(AddressRange other) {
        return Integer.compareUnsigned(first, other.last) <= 0 && Integer.compareUnsigned(other.first, last) <= 0;
    }

    @Override
    public String toString() {
        return Ipv4.format(first) + " - " + Ipv4.format(last);
    }
}
