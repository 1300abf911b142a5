package org.dhcpcluster.lease.v4.block;

import java.util.Arrays;
import java.util.BitSet;
import java.util.OptionalInt;
import org.dhcpcluster.lease.holds.OfferHolds;
import org.dhcpcluster.lease.serialization.KryoSerializable;
import org.dhcpcluster.lease.v4.policy.Policy4;

/**
 * Who holds each address of one block, and until when: the durable half of the block's
 * knowledge (offer holds are the other, transient half: {@link OfferHolds}).
 *
 * <p>An address whose expiry has passed is free; nothing sweeps it. That is what lets a
 * client come back after its lease ran out and find its address still recorded as its own,
 * and lets any other client take it without a cleanup job running first.
 *
 * <p>Immutable: every change copies the slot array (256 references), which costs less than
 * the journal write that accompanies it.
 */
public record BlockState(int base, Slot[] slots) implements KryoSerializable {

    /** One address's record: the client key that last held it, until when, and whether it was declined. */
    public record Slot(String clientKey, long expiresAt, boolean declined) implements KryoSerializable {
    }

    public static BlockState empty(int base) {
        return new BlockState(base, new Slot[Policy4.BLOCK_SIZE]);
    }

    public boolean contains(int address) {
        return Policy4.blockBase(address) == base;
    }

    public Slot slot(int address) {
        return slots[address - base];
    }

    BlockState with(int address, Slot slot) {
        Slot[] copy = slots.clone();
        copy[address - base] = slot;
        return new BlockState(base, copy);
    }

    /**
     * Whether the durable record lets {@code clientKey} have the address now: nobody holds it,
     * the client itself holds it, or the holder's lease (or the decline quarantine) has run out.
     * A client's own declined address stays withheld from it too until the quarantine ends.
     */
    public boolean availableTo(int address, String clientKey, long now) {
        Slot s = slots[address - base];
        if (s == null || s.expiresAt <= now) {
            return true;
        }
        return !s.declined && s.clientKey.equals(clientKey);
    }

    /**
     * Picks an address for a client without a usable preference: never-used addresses first,
     * then the one whose lease ended longest ago, so that a returning client is likely to find
     * its old address still unclaimed.
     */
    public OptionalInt pick(BitSet dynamicOffsets, long now, OfferHolds holds, String clientKey) {
        // Addresses above 127.255.255.255 are negative ints, so "none" is an offset, not an address.
        int oldestOffset = -1;
        long oldestExpiry = Long.MAX_VALUE;
        for (int off = dynamicOffsets.nextSetBit(0); off >= 0; off = dynamicOffsets.nextSetBit(off + 1)) {
            int address = base + off;
            if (holds.heldByOther(address, clientKey, now)) {
                continue;
            }
            Slot s = slots[off];
            if (s == null) {
                return OptionalInt.of(address);
            }
            if (s.expiresAt <= now && s.expiresAt < oldestExpiry) {
                oldestOffset = off;
                oldestExpiry = s.expiresAt;
            }
        }
        return oldestOffset < 0 ? OptionalInt.empty() : OptionalInt.of(base + oldestOffset);
    }

    /** Addresses currently bound (unexpired, not declined), for reports. */
    public int boundCount(long now) {
        int n = 0;
        for (Slot s : slots) {
            if (s != null && !s.declined && s.expiresAt > now) {
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockState other && base == other.base && Arrays.equals(slots, other.slots);
    }

    @Override
    public int hashCode() {
        return 31 * base + Arrays.hashCode(slots);
    }

    @Override
    public String toString() {
        return "BlockState[" + org.dhcpcluster.protocol.v4.Ipv4.format(base) + ", " + boundCount(0) + " recorded]";
    }
}
