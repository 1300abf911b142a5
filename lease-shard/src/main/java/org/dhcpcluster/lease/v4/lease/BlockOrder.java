package org.dhcpcluster.lease.v4.lease;

import java.util.OptionalInt;
import org.dhcpcluster.lease.v4.policy.Policy4;

/**
 * The order in which a client's lease asks a subnet's blocks for an address: the block of
 * its preferred address first (its previous or requested one), then every block starting
 * at one chosen by hashing the client key. Hashing spreads new clients over all blocks, so
 * concurrent DISCOVERs land on different entities (and nodes) instead of queueing on the
 * first block; a full block just moves the client on to the next.
 */
final class BlockOrder {
    private final int[] bases;
    private final int preferredIndex;
    private final int start;
    private boolean preferredAsked;
    private int step;

    private BlockOrder(int[] bases, int preferredIndex, int start) {
        this.bases = bases;
        this.preferredIndex = preferredIndex;
        this.start = start;
    }

    /** The order for a client; {@code preferred} is 0 when it has no preferred address. */
    static BlockOrder forClient(int[] bases, String clientKey, int preferred) {
        int preferredIndex = -1;
        if (preferred != 0) {
            int base = Policy4.blockBase(preferred);
            for (int i = 0; i < bases.length; i++) {
                if (bases[i] == base) {
                    preferredIndex = i;
                    break;
                }
            }
        }
        int start = bases.length == 0 ? 0 : Math.floorMod(spread(clientKey.hashCode()), bases.length);
        return new BlockOrder(bases, preferredIndex, start);
    }

    /** The next block base to ask, or empty once every block has been asked. */
    OptionalInt next() {
        if (!preferredAsked && preferredIndex >= 0) {
            preferredAsked = true;
            return OptionalInt.of(bases[preferredIndex]);
        }
        while (step < bases.length) {
            int idx = (start + step++) % bases.length;
            if (idx != preferredIndex) {
                return OptionalInt.of(bases[idx]);
            }
        }
        return OptionalInt.empty();
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
