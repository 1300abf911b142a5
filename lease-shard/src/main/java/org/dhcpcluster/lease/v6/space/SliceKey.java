package org.dhcpcluster.lease.v6.space;

import org.dhcpcluster.lease.partition.PartitionKey;
import org.dhcpcluster.lease.serialization.KryoSerializable;

/**
 * A DHCPv6 partition: which partition entity is the authority over an address or a delegated
 * prefix.
 *
 * <p>Everything handed out in DHCPv6 is a prefix of some length {@code length}: an address is
 * a /128, a delegated prefix a /56 or /60 or whatever the PD pool says. A slice is the aligned
 * group of {@value #MAX_SLICE_BITS}-bit consecutive items of one length: for addresses an
 * aligned /112 (65,536 addresses), for /56 prefixes an aligned /40. The mapping depends on the
 * item alone, never on the configured pools, so changing pools can't make two entities believe
 * they own the same address.
 *
 * <p>Entity id: {@code 6:L<length>@<first address of the slice>}, e.g. {@code 6:L128@2001:db8:1::}.
 */
public record SliceKey(int length, Address128 base) implements PartitionKey, KryoSerializable {

    public static final int MAX_SLICE_BITS = 16;

    public SliceKey {
        if (length < 1 || length > 128) {
            throw new IllegalArgumentException("prefix length " + length + " is outside 1-128");
        }
        if (!base.equals(base.clearLow(128 - length + sliceBits(length)))) {
            throw new IllegalArgumentException(base.format() + " is not the start of a slice of /" + length + " items");
        }
    }

    /** How many bits of an item's index select it inside its slice. */
    public static int sliceBits(int length) {
        return Math.min(MAX_SLICE_BITS, length);
    }

    public static SliceKey of(Address128 item, int length) {
        return new SliceKey(length, item.clearLow(128 - length + sliceBits(length)));
    }

    @Override
    public int family() {
        return 6;
    }

    @Override
    public int size() {
        return 1 << sliceBits(length);
    }

    public boolean contains(Address128 item) {
        return item.equals(item.clearLow(128 - length)) && of(item, length).equals(this);
    }

    /** The item's position in this slice; the item must be in it. */
    public int offsetOf(Address128 item) {
        return (int) (item.shiftRightLow(128 - length) & (size() - 1));
    }

    public Address128 itemAt(int offset) {
        if (offset < 0 || offset >= size()) {
            throw new IllegalArgumentException("offset " + offset + " outside a slice of " + size());
        }
        return base.plusShifted(offset, 128 - length);
    }

    /** The last address covered by the slice's last item (for range intersections). */
    public Address128 lastAddress() {
        return base.setLow(128 - length + sliceBits(length));
    }

    @Override
    public String entityId() {
        return "6:" + sliceId();
    }

    /** The slice's own name, {@code L<length>@<base>}; also what the first design's journals were named by. */
    public String sliceId() {
        return "L" + length + "@" + base.format();
    }

    /** Parses a slice id, with or without the family prefix. */
    public static SliceKey parse(String entityId) {
        if (entityId.startsWith("6:")) {
            entityId = entityId.substring(2);
        }
        int at = entityId.indexOf('@');
        if (!entityId.startsWith("L") || at < 2) {
            throw new IllegalArgumentException("not a slice entity id: " + entityId);
        }
        return new SliceKey(Integer.parseInt(entityId.substring(1, at)), Address128.parse(entityId.substring(at + 1)));
    }

    @Override
    public String toString() {
        return sliceId();
    }
}
