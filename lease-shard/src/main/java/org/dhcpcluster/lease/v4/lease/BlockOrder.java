package org.dhcpcluster.lease.v4.lease;

import java.util.ArrayList;
import java.util.List;
import org.dhcpcluster.lease.v4.policy.Policy4;

/**
 * The order in which a client's lease asks a subnet's blocks for an address: the block of
 * its preferred address first (its previous or requested one), then every block starting
 * at one chosen by hashing the client key. Hashing spreads new clients over all blocks, so
 * concurrent DISCOVERs land on different entities (and nodes) instead of queueing on the
 * first block; a full block just moves the client on to the next.
 */
final class BlockOrder {
    private BlockOrder() {
    }

    static List<Integer> forClient(List<Integer> bases, String clientKey, int preferred) {
        int n = bases.size();
        List<Integer> order = new ArrayList<>(n);
        if (n == 0) {
            return order;
        }
        int preferredBase = preferred == 0 ? -1 : bases.indexOf(Policy4.blockBase(preferred));
        if (preferredBase >= 0) {
            order.add(bases.get(preferredBase));
        }
        int start = Math.floorMod(spread(clientKey.hashCode()), n);
        for (int i = 0; i < n; i++) {
            int idx = (start + i) % n;
            if (idx != preferredBase) {
                order.add(bases.get(idx));
            }
        }
        return order;
    }

    /** String.hashCode of similar keys (sequential MACs) differs only in low bits; mix them. */
    private static int spread(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
