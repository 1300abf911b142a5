package org.dhcpcluster.lease.partition;

import java.util.BitSet;

/**
 * Whether an offer (v4 DHCPOFFER, v6 ADVERTISE) may hold its item: only while offers hold at
 * most {@link FloodLimits#offerHoldShare} percent of the partition's free pool items, counting
 * the new hold. Beyond that share the offer is still made, but holds nothing.
 *
 * <p>Why no hold rather than a shorter one: a real client's REQUEST follows its offer within
 * milliseconds, and a REQUEST for an unheld item that is still free is acknowledged like any
 * other (one that was taken meanwhile is NAKed and the client starts over, RFC 2131 section
 * 3.1, as when a hold runs out today). A short hold would still let a fast enough flood (its
 * rate times the short window) hold every item; no hold keeps the guarantee unconditional: with
 * a share below 100 %, at least one free item is never held, however many DISCOVERs arrive.
 *
 * <p>Reserved items are not counted against the share by the callers: a reservation is one
 * client's and never offered to a flood.
 */
public final class OfferShare {
    private OfferShare() {
    }

    /**
     * Whether {@code holder} may hold one more item of {@code pool} (the items its subnet may be
     * given dynamically here) at {@code now}. A holder that already holds an item only moves its
     * hold, so it always may.
     */
    public static boolean mayHold(PartitionState state, BitSet pool, Holder holder, long now, FloodLimits limits) {
        OfferHolds holds = state.holds();
        int held = holds.live(now);
        if (holds.offeredTo(holder, now) >= 0) {
            return true;
        }
        int share = limits.offerHoldShare();
        if (share >= 100) {
            return true;
        }
        int pooled = pool.cardinality();
        // Every item without a record is free: when that alone leaves room, no need to count.
        if ((long) (held + 1) * 100 <= (long) share * (pooled - state.slots().used())) {
            return true;
        }
        return (long) (held + 1) * 100 <= (long) share * free(state, pool, now);
    }

    /** Pool items neither bound nor quarantined at {@code now} (held ones included: they are still free). */
    static int free(PartitionState state, BitSet pool, long now) {
        Slots slots = state.slots();
        int taken = 0;
        for (int o = slots.nextUsed(0); o >= 0; o = slots.nextUsed(o + 1)) {
            if (pool.get(o) && (slots.boundAt(o, now) || state.quarantined(o, now))) {
                taken++;
            }
        }
        return pool.cardinality() - taken;
    }
}
