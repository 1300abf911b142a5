package org.dhcpcluster.lease.partition;

import java.util.Arrays;

/**
 * Holder -> offset, for {@link Slots}: linear probing over an int table of offsets (plus one;
 * 0 is empty), comparing keys through the slots themselves, so an entry costs 8 bytes instead of
 * a map node, a boxed key and a boxed value. Deletion shifts the following run back, so there
 * are no tombstones to accumulate.
 */
final class HolderIndex {
    private final Slots slots;
    private int[] table = new int[16];
    private int count;

    HolderIndex(Slots slots) {
        this.slots = slots;
    }

    int find(int subnetId, byte[] holder) {
        int mask = table.length - 1;
        for (int i = Holder.hash(subnetId, holder) & mask; table[i] != 0; i = (i + 1) & mask) {
            int offset = table[i] - 1;
            if (slots.subnet(offset) == subnetId && Arrays.equals(slots.holder(offset), holder)) {
                return offset;
            }
        }
        return -1;
    }

    /** Points the holder at {@code offset}; the slot at {@code offset} must already carry the holder. */
    void put(int subnetId, byte[] holder, int offset) {
        int mask = table.length - 1;
        int i = Holder.hash(subnetId, holder) & mask;
        for (; table[i] != 0; i = (i + 1) & mask) {
            int at = table[i] - 1;
            if (at == offset || (slots.subnet(at) == subnetId && Arrays.equals(slots.holder(at), holder))) {
                table[i] = offset + 1;
                return;
            }
        }
        table[i] = offset + 1;
        if (++count * 2 > table.length) {
            grow();
        }
    }

    /** Drops the holder's entry if it points at {@code offset} (the holder moved on otherwise). */
    void removeIfAt(int subnetId, byte[] holder, int offset) {
        int mask = table.length - 1;
        int i = Holder.hash(subnetId, holder) & mask;
        for (; table[i] != 0; i = (i + 1) & mask) {
            if (table[i] - 1 == offset) {
                break;
            }
        }
        if (table[i] == 0) {
            return;
        }
        table[i] = 0;
        count--;
        // Shift back the entries after the hole that would no longer be found past it.
        for (int j = (i + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
            int at = table[j] - 1;
            int home = Holder.hash(slots.subnet(at), slots.holder(at)) & mask;
            boolean reachableWithoutHole = i <= j ? (home > i && home <= j) : (home > i || home <= j);
            if (!reachableWithoutHole) {
                table[i] = table[j];
                table[j] = 0;
                i = j;
            }
        }
    }

    private void grow() {
        int[] old = table;
        table = new int[old.length * 2];
        int mask = table.length - 1;
        for (int entry : old) {
            if (entry != 0) {
                int at = entry - 1;
                int i = Holder.hash(slots.subnet(at), slots.holder(at)) & mask;
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = entry;
            }
        }
    }

    int count() {
        return count;
    }
}
