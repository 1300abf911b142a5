package org.dhcpcluster.lease.serialization;

import java.util.List;
import org.dhcpcluster.lease.carryover.LegacyEvents;
import org.dhcpcluster.lease.partition.DeclineLimits;
import org.dhcpcluster.lease.partition.Holder;
import org.dhcpcluster.lease.partition.OfferHolds;
import org.dhcpcluster.lease.partition.PartitionEntity;
import org.dhcpcluster.lease.partition.PartitionEvent;
import org.dhcpcluster.lease.partition.PartitionSnapshot;
import org.dhcpcluster.lease.partition.RecentExchanges;
import org.dhcpcluster.lease.transaction.TransactionEntity;
import org.dhcpcluster.lease.v4.Answer4;
import org.dhcpcluster.lease.v4.Request4;
import org.dhcpcluster.lease.v6.Answer6;
import org.dhcpcluster.lease.v6.Hint6;
import org.dhcpcluster.lease.v6.Kind6;
import org.dhcpcluster.lease.v6.Request6;
import org.dhcpcluster.lease.v6.Status6;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.lease.v6.space.SliceKey;

/**
 * Registration ids of lease-shard's messages, events and snapshots. Never renumber: ids of
 * events (2x0-2x9 "events", 2x0 "state" groups) are in every stored journal row.
 */
public final class LeaseShardKryo implements KryoRegistrations.Contributor {
    @Override
    public void register(KryoRegistrations.Registrar r) {
        // JDK unmodifiable lists, by implementation class: 120 onwards in a fixed order
        int listId = 120;
        for (Class<List<?>> listClass : ImmutableListSerializer.implementations()) {
            r.register(listClass, new ImmutableListSerializer(), listId++);
        }

        // first-design DHCPv4 block events, read only to carry leases over: 220-224 as written then
        r.register(LegacyEvents.AddressBound.class, 220);
        r.register(LegacyEvents.AddressReleased.class, 221);
        r.register(LegacyEvents.AddressDeclined.class, 222);
        r.register(LegacyEvents.OffersHandedOver.class, 223);
        r.register(LegacyEvents.HeldOffer.class, 224);

        // v6 item space and slices: values 400-409, commands 410-419, replies 420-429, events 430-439, state 440-449
        r.register(Address128.class, 400);
        r.register(SliceKey.class, 401);
        // first-design DHCPv6 slice events, read only to carry leases over: 430-432 as written then
        r.register(LegacyEvents.ItemBound.class, 430);
        r.register(LegacyEvents.ItemReleased.class, 431);
        r.register(LegacyEvents.ItemDeclined.class, 432);

        // partitions: values 600-609, commands 610-619
        r.register(Holder.class, 600);
        r.register(PartitionEvent.Bound.class, 601);
        r.register(PartitionEvent.Renewed.class, 602);
        r.register(PartitionEvent.Released.class, 603);
        r.register(PartitionEvent.Declined.class, 604);
        r.register(PartitionEvent.HandedOver.class, 605);
        r.register(PartitionEvent.LeaseDetails.class, 606);
        r.register(OfferHolds.Held.class, 607);
        r.register(RecentExchanges.Exchange.class, 608);
        r.register(PartitionSnapshot.class, 609);
        r.register(PartitionEntity.Handle.class, 610);
        r.register(PartitionEntity.Withdraw.class, 611);
        r.register(PartitionEntity.CarryOver.class, 612);
        r.register(PartitionEntity.Stop.class, 613);
        r.register(PartitionEntity.Wake.class, 614);
        r.register(DeclineLimits.Refusal.class, 615);
        // DHCPv4 requests and answers: 620-639
        r.register(Request4.class, 620);
        r.register(Request4.Find.class, 621);
        r.register(Answer4.Offer.class, 622);
        r.register(Answer4.Ack.class, 623);
        r.register(Answer4.Nak.class, 624);
        r.register(Answer4.Silent.class, 625);
        r.register(Answer4.Elsewhere.class, 626);
        r.register(Answer4.Silence.class, 627);
        // DHCPv6 requests and answers: 640-659
        r.register(Request6.class, 640);
        r.register(Request6.Find.class, 641);
        r.register(Kind6.class, 642);
        r.register(Hint6.class, 643);
        r.register(Answer6.IaResult.class, 644);
        r.register(Answer6.Granted6.class, 645);
        r.register(Answer6.Copy.class, 646);
        r.register(Answer6.Elsewhere.class, 647);
        r.register(Answer6.Unavailable.class, 648);
        r.register(Status6.class, 649);
        r.register(Answer6.DeclineRefused.class, 650);
        // stateless transactions: 660-669
        r.register(TransactionEntity.Seen.class, 660);
        // arrays in snapshots and keys: 690-699
        r.register(byte[].class, 690);
        r.register(byteArrays(), new BoundedObjectArraySerializer(r.kryo(), byte[][].class), 691);
        r.register(int[].class, 692);
        r.register(long[].class, 693);
    }

    /** {@code byte[][]} typed as the {@code Object[]} Kryo's array serializer handles. */
    @SuppressWarnings("unchecked")
    private static Class<Object[]> byteArrays() {
        return (Class<Object[]>) (Class<?>) byte[][].class;
    }
}
