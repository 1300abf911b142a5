package org.dhcpcluster.lease.v6.lease;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.lease.v6.policy.Subnet6;
import org.dhcpcluster.lease.v6.space.Pool6;
import org.dhcpcluster.lease.v6.space.SliceKey;

/**
 * The order in which a lease asks a link's slices for an item: every active slice of the
 * link's pools of its kind, starting at one chosen by hashing the lease key, so that new
 * clients spread over slices (and nodes) instead of queueing on the first; a full slice moves
 * the client on to the next. {@link #startOffset()} is where the search starts inside a slice,
 * also from the hash, so addresses come out scattered across the pool.
 */
final class SliceOrder {
    private final List<SliceKey> slices;
    private final int first;
    private final int startOffset;
    private int step;

    private SliceOrder(List<SliceKey> slices, int first, int startOffset) {
        this.slices = slices;
        this.first = first;
        this.startOffset = startOffset;
    }

    static SliceOrder forLease(Subnet6 subnet, IaType type, String leaseKey) {
        List<SliceKey> all = new ArrayList<>();
        for (Pool6 p : subnet.poolsFor(type.delegatesPrefixes())) {
            all.addAll(p.activeSlices());
        }
        int h = mix(leaseKey.hashCode());
        int first = all.isEmpty() ? 0 : Math.floorMod(h, all.size());
        return new SliceOrder(all, first, mix(h) & 0x7FFF_FFFF);
    }

    Optional<SliceKey> next() {
        if (step >= slices.size()) {
            return Optional.empty();
        }
        return Optional.of(slices.get((first + step++) % slices.size()));
    }

    int startOffset() {
        return startOffset;
    }

    /** Murmur3's finalizer: String.hashCode of similar keys (DUIDs differing in the last octet) differ only in low bits. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EB_CA6B;
        h ^= h >>> 13;
        h *= 0xC2B2_AE35;
        h ^= h >>> 16;
        return h;
    }
}
