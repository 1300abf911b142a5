package org.dhcpcluster.lease.v4;

import org.dhcpcluster.lease.partition.PartitionKey;
import org.dhcpcluster.protocol.v4.Ipv4;

/**
 * A DHCPv4 partition: the aligned block of {@value #SIZE} addresses a.b.c.0 - a.b.c.255. Its
 * authority over an address depends on the address alone; the subnets and pools that use the
 * block decide only which of its addresses each request may be given.
 */
public record Block4(int base) implements PartitionKey {
    public static final int SIZE = 256;

    public Block4 {
        if ((base & (SIZE - 1)) != 0) {
            throw new IllegalArgumentException(Ipv4.format(base) + " is not the first address of a block");
        }
    }

    public static Block4 of(int address) {
        return new Block4(address & ~(SIZE - 1));
    }

    public static Block4 parse(String id) {
        return new Block4(Ipv4.toInt(Ipv4.parse(id)));
    }

    public boolean contains(int address) {
        return (address & ~(SIZE - 1)) == base;
    }

    public int offsetOf(int address) {
        return address - base;
    }

    public int addressAt(int offset) {
        return base + offset;
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public int family() {
        return 4;
    }

    @Override
    public String entityId() {
        return "4:" + Ipv4.format(base);
    }

    @Override
    public String toString() {
        return Ipv4.format(base) + "/24";
    }
}
