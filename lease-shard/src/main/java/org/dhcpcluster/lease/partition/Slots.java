package org.dhcpcluster.lease.partition;

/**
 * The durable half of a partition: for each item that has ever been bound, who holds (or last
 * held) it, in which subnet, until when, and in what state; and an index from holder to its
 * item. Rebuilt from events and snapshots; changed only by {@link PartitionState#apply}.
 *
 * <p>Laid out for memory, since a node may hold millions of leases: columns in pages of
 * {@value #PAGE} items, created on first use (v6 partitions are large and mostly empty), and an
 * open-addressing index of offsets rather than a map of boxed keys. About 50 bytes per lease
 * besides the holder's key bytes.
 *
 * <p>Mutable, owned by one entity (single-threaded by the actor).
 */
public final class Slots {
    static final int PAGE = 256;

    /** Never bound. */
    public static final byte FREE = 0;
    public static final byte BOUND = 1;
    public static final byte RELEASED = 2;
    public static final byte DECLINED = 3;

    private static final class Page {
        final byte[][] holder = new byte[PAGE][];
        final int[] subnet = new int[PAGE];
        final long[] expiresAt = new long[PAGE];
        final byte[] state = new byte[PAGE];
    }

    private final int size;
    private final Page[] pages;
    private final HolderIndex index = new HolderIndex(this);
    private int used;

    public Slots(int size) {
        this.size = size;
        this.pages = new Page[(size + PAGE - 1) / PAGE];
    }

    public int size() {
        return size;
    }

    /** How many items have a record (bound, released, declined, or expired). */
    public int used() {
        return used;
    }

    public byte state(int offset) {
        Page p = pages[offset / PAGE];
        return p == null ? FREE : p.state[offset % PAGE];
    }

    public byte[] holder(int offset) {
        Page p = pages[offset / PAGE];
        return p == null ? null : p.holder[offset % PAGE];
    }

    public int subnet(int offset) {
        Page p = pages[offset / PAGE];
        return p == null ? 0 : p.subnet[offset % PAGE];
    }

    public long expiresAt(int offset) {
        Page p = pages[offset / PAGE];
        return p == null ? 0 : p.expiresAt[offset % PAGE];
    }

    /** Bound to someone and not yet expired. */
    public boolean boundAt(int offset, long now) {
        return state(offset) == BOUND && expiresAt(offset) > now;
    }

    /** The item of a holder's most recent record in this partition, or -1. */
    public int offsetOf(int subnetId, byte[] holder) {
        return index.find(subnetId, holder);
    }

    public int offsetOf(Holder h) {
        return offsetOf(h.subnetId(), h.key());
    }

    /**
     * Records the item. The holder's index entry moves here; a previous holder of the item loses
     * its entry. {@code indexed} false keeps the record but not the entry (a declined item is
     * never its decliner's "previous" one).
     */
    void set(int offset, int subnetId, byte[] holder, long expiresAt, byte state, boolean indexed) {
        Page p = pages[offset / PAGE];
        if (p == null) {
            p = pages[offset / PAGE] = new Page();
        }
        int i = offset % PAGE;
        if (p.holder[i] == null) {
            used++;
        } else {
            index.removeIfAt(p.subnet[i], p.holder[i], offset);
        }
        p.holder[i] = holder;
        p.subnet[i] = subnetId;
        p.expiresAt[i] = expiresAt;
        p.state[i] = state;
        if (indexed) {
            index.put(subnetId, holder, offset);
        }
    }

    /** Changes an existing record's expiry and state, keeping its holder. */
    void update(int offset, long expiresAt, byte state, boolean indexed) {
        set(offset, subnet(offset), holder(offset), expiresAt, state, indexed);
    }

    /** Offsets with a record, ascending; -1 after the last. */
    public int nextUsed(int from) {
        for (int o = Math.max(from, 0); o < size; o++) {
            Page p = pages[o / PAGE];
            if (p == null) {
                o = (o / PAGE + 1) * PAGE - 1;
                continue;
            }
            if (p.holder[o % PAGE] != null) {
                return o;
            }
        }
        return -1;
    }

    /** Items bound and unexpired at {@code now}. */
    public int boundCount(long now) {
        int n = 0;
        for (int o = nextUsed(0); o >= 0; o = nextUsed(o + 1)) {
            if (boundAt(o, now)) {
                n++;
            }
        }
        return n;
    }
}
