package org.dhcpcluster.lease.partition;

import java.util.BitSet;

/**
 * Whether a DECLINE may quarantine one more item: a client (holder key) has at most
 * {@link FloodLimits#declinesPerClient} DECLINEs honoured per {@link FloodLimits#declineWindow},
 * and at most {@link FloodLimits#quarantineShare} percent of a partition's pool is quarantined
 * at once (yet always one item, so a single legitimate DECLINE in a small pool is honoured as
 * before). The per-client limit stops one client declining again and again; the share stops
 * many clients (random hardware addresses) quarantining a whole pool, which the per-client
 * limit cannot. A DECLINE beyond either is not honoured: the item is let go instead, and the
 * answer says which limit, for the edge to count.
 */
public final class DeclineLimits {
    /** Why a DECLINE was not honoured. */
    public enum Refusal {
        /** the client's DECLINEs in the window reached the limit */
        CLIENT_LIMIT,
        /** the partition's quarantine share is full */
        QUARANTINE_FULL
    }

    private DeclineLimits() {
    }

    /**
     * Why {@code holder}'s DECLINE of one more item of {@code pool} is not honoured at {@code now},
     * or null if it is. {@code earlier}: items of the same message already honoured (a DHCPv6
     * DECLINE may list several), not yet in the state.
     */
    public static Refusal refusal(PartitionState state, BitSet pool, Holder holder, int earlier, long now, FloodLimits limits) {
        long window = limits.declineWindow().toMillis();
        if (state.declines().recent(holder, now, window) + earlier >= limits.declinesPerClient()) {
            return Refusal.CLIENT_LIMIT;
        }
        int most = Math.max(limits.quarantineShare() == 0 ? 0 : 1, (int) ((long) pool.cardinality() * limits.quarantineShare() / 100));
        if (quarantined(state, pool, now) + earlier >= most) {
            return Refusal.QUARANTINE_FULL;
        }
        return null;
    }

    /** Pool items quarantined at {@code now}. */
    static int quarantined(PartitionState state, BitSet pool, long now) {
        Slots slots = state.slots();
        int n = 0;
        for (int o = slots.nextUsed(0); o >= 0; o = slots.nextUsed(o + 1)) {
            if (pool.get(o) && state.quarantined(o, now)) {
                n++;
            }
        }
        return n;
    }
}
