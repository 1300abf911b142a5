package org.dhcpcluster.lease.v6.slice;

import java.util.Arrays;
import java.util.BitSet;
import java.util.OptionalInt;
import org.dhcpcluster.lease.holds.OfferHolds;
import org.dhcpcluster.lease.serialization.KryoSerializable;
import org.dhcpcluster.lease.v6.space.SliceKey;

/**
 * Who holds each item (address or delegated prefix) of one slice, and until when: the
 * durable half of the slice's knowledge (offer holds are the transient half).
 *
 * <p>A slice has up to 65,536 items, mostly unused, so slots live in pages of
 * {@value #PAGE} created on first use. The state is immutable for Pekko's sake (a snapshot
 * may be serialized while the entity goes on): a change copies the page index and one page,
 * 512 references, never the whole slice.
 *
 * <p>An item whose valid lifetime has passed is free; nothing sweeps it (lazy expiry).
 */
public record SliceState(SliceKey key, Slot[][] pages) implements KryoSerializable {

    static final int PAGE = 256;

    /** One item's record: the lease (IA) that last held it, until when, and whether it was declined. */
    public record Slot(String holder, long validUntil, boolean declined) implements KryoSerializable {
    }

    public static SliceState empty(SliceKey key) {
        return new SliceState(key, new Slot[(key.size() + PAGE - 1) / PAGE][]);
    }

    public Slot slot(int offset) {
        Slot[] page = pages[offset / PAGE];
        return page == null ? null : page[offset % PAGE];
    }

    SliceState with(int offset, Slot slot) {
        Slot[][] index = pages.clone();
        Slot[] page = index[offset / PAGE];
        page = page == null ? new Slot[PAGE] : page.clone();
        page[offset % PAGE] = slot;
        index[offset / PAGE] = page;
        return new SliceState(key, index);
    }

    /**
     * Whether the durable record lets {@code holder} have the item now: nobody holds it, the
     * holder itself does, or the lease (or the decline quarantine) has run out.
     */
    public boolean availableTo(int offset, String holder, long now) {
        Slot s = slot(offset);
        if (s == null || s.validUntil <= now) {
            return true;
        }
        return !s.declined && s.holder.equals(holder);
    }

    /**
     * Picks an item for a holder without a usable preference, starting at {@code start} (a hash
     * of the holder, so addresses look random and a returning client tends to land where it was):
     * the first never-used allowed item from there, else the one whose lease ended longest ago.
     */
    public OptionalInt pick(BitSet allowed, int start, long now, OfferHolds holds, String holder) {
        int oldest = -1;
        long oldestExpiry = Long.MAX_VALUE;
        // Allowed offsets in cyclic order: start..end of the slice, then 0..start.
        int[][] ranges = {{start, key.size()}, {0, start}};
        for (int[] range : ranges) {
            for (int off = allowed.nextSetBit(range[0]); off >= 0 && off < range[1]; off = allowed.nextSetBit(off + 1)) {
                if (holds.heldByOther(off, holder, now)) {
                    continue;
                }
                Slot s = slot(off);
                if (s == null) {
                    return OptionalInt.of(off);
                }
                if (s.validUntil <= now && s.validUntil < oldestExpiry) {
                    oldest = off;
                    oldestExpiry = s.validUntil;
                }
            }
        }
        return oldest < 0 ? OptionalInt.empty() : OptionalInt.of(oldest);
    }

    /** Items currently bound (unexpired, not declined), for reports. */
    public int boundCount(long now) {
        int n = 0;
        for (Slot[] page : pages) {
            if (page != null) {
                for (Slot s : page) {
                    if (s != null && !s.declined && s.validUntil > now) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SliceState other && key.equals(other.key) && Arrays.deepEquals(pages, other.pages);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.deepHashCode(pages);
    }

    @Override
    public String toString() {
        return "SliceState[" + key + "]";
    }
}
