package org.dhcpcluster.lease.partition;

import java.util.List;
import org.dhcpcluster.lease.serialization.KryoSerializable;

/**
 * What a partition journals: one event per change of a binding, none per offer. Items are
 * named by their offset in the partition ({@link PartitionKey#itemAt}). Times are epoch ms.
 *
 * <p>Persisted: the Kryo form of every record here is part of the stored format
 * ({@code PersistedFormatTest}); add fields only at the end, never reorder.
 */
public sealed interface PartitionEvent extends KryoSerializable {

    /**
     * The item is bound to {@code holder} (in {@code subnetId}) until {@code expiresAt}; for a v6
     * item it is preferred until {@code preferredUntil} (0 for v4). {@code details} is what the
     * lease history shows of the client; the partition itself never reads it.
     */
    record Bound(int offset, int subnetId, byte[] holder, long at, long expiresAt, long preferredUntil, LeaseDetails details)
            implements PartitionEvent {
    }

    /** The holder of a bound item extended it. */
    record Renewed(int offset, long at, long expiresAt, long preferredUntil) implements PartitionEvent {
    }

    /** The holder gave the item back (or the server withdrew it); the holder stays on record, so it gets the item back first. */
    record Released(int offset, long at) implements PartitionEvent {
    }

    /**
     * The holder found the item in use on its link (it had been offered or bound to it): nobody
     * gets it until {@code quarantinedUntil}.
     */
    record Declined(int offset, int subnetId, byte[] holder, long at, long quarantinedUntil) implements PartitionEvent {
    }

    /**
     * What the partition knew only in memory, written when sharding stops it (its shard moves)
     * so that its next incarnation, on another node, has it: outstanding offers, so they are not
     * offered to someone else meanwhile, and the last exchange of each recently active client, so
     * copies of a message held up by the move stay unanswered. Not a change of any binding.
     */
    record HandedOver(List<OfferHolds.Held> offers, List<RecentExchanges.Exchange> recent) implements PartitionEvent {
        public HandedOver {
            offers = List.copyOf(offers);
            recent = List.copyOf(recent);
        }
    }

    /**
     * What the lease history records of a binding's client, beside the holder key.
     *
     * @param hardwareAddress the v4 client's chaddr (null for v6 and when unknown)
     * @param hostName the name the client gave (v4 option 12), or null
     * @param via how the client reached the server: the relay's address (giaddr, relay link-address) or null if direct
     */
    record LeaseDetails(byte[] hardwareAddress, String hostName, String via) implements KryoSerializable {
        public static final LeaseDetails NONE = new LeaseDetails(null, null, null);
    }
}
