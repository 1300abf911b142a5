package org.dhcpcluster.lease.serialization;

import java.util.List;
import org.dhcpcluster.lease.carryover.LegacyEvents;
import org.dhcpcluster.lease.partition.Holder;
import org.dhcpcluster.lease.partition.OfferHolds;
import org.dhcpcluster.lease.partition.PartitionEntity;
import org.dhcpcluster.lease.partition.PartitionEvent;
import org.dhcpcluster.lease.partition.PartitionSnapshot;
import org.dhcpcluster.lease.partition.RecentExchanges;
import org.dhcpcluster.lease.v4.Answer4;
import org.dhcpcluster.lease.v4.Request4;
import org.dhcpcluster.lease.v6.lease.Binding6;
import org.dhcpcluster.lease.v6.lease.Hint6;
import org.dhcpcluster.lease.v6.lease.IaReply;
import org.dhcpcluster.lease.v6.lease.Kind6;
import org.dhcpcluster.lease.v6.lease.Lease6Entity;
import org.dhcpcluster.lease.v6.lease.Lease6State;
import org.dhcpcluster.lease.v6.lease.Status6;
import org.dhcpcluster.lease.v6.slice.Slice6;
import org.dhcpcluster.lease.v6.slice.SliceState;
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
        r.register(Slice6.Offer.class, 410);
        r.register(Slice6.Bind.class, 411);
        r.register(Slice6.Release.class, 412);
        r.register(Slice6.Decline.class, 413);
        r.register(Slice6.WithdrawOffer.class, 414);
        r.register(Slice6.Offered.class, 420);
        r.register(Slice6.NoFreeItem.class, 421);
        r.register(Slice6.Bound.class, 422);
        r.register(Slice6.Refused.class, 423);
        r.register(Slice6.Refusal.class, 424);
        r.register(Slice6.Released.class, 425);
        r.register(Slice6.Declined.class, 426);
        r.register(Slice6.ItemBound.class, 430);
        r.register(Slice6.ItemReleased.class, 431);
        r.register(Slice6.ItemDeclined.class, 432);
        r.register(SliceState.class, 440);
        r.register(SliceState.Slot.class, 441);
        r.register(SliceState.Slot[].class, 442);
        r.register(SliceState.Slot[][].class, 443);

        // v6 leases: commands 500-509, replies 510-519, events 520-529, state 530-539
        r.register(Lease6Entity.HandleIa.class, 500);
        r.register(Kind6.class, 501);
        r.register(Hint6.class, 502);
        r.register(IaReply.IaAnswer.class, 510);
        r.register(IaReply.IaUnavailable.class, 511);
        r.register(IaReply.Granted6.class, 512);
        r.register(IaReply.Repeat.class, 513);
        r.register(Status6.class, 514);
        r.register(Lease6Entity.IaBound.class, 520);
        r.register(Lease6Entity.IaExtended.class, 521);
        r.register(Lease6Entity.IaReleased.class, 522);
        r.register(Lease6Entity.IaDeclined.class, 523);
        r.register(Lease6State.class, 530);
        r.register(Binding6.class, 531);

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
        // DHCPv4 requests and answers: 620-639
        r.register(Request4.class, 620);
        r.register(Request4.Find.class, 621);
        r.register(Answer4.Offer.class, 622);
        r.register(Answer4.Ack.class, 623);
        r.register(Answer4.Nak.class, 624);
        r.register(Answer4.Silent.class, 625);
        r.register(Answer4.Elsewhere.class, 626);
        r.register(Answer4.Silence.class, 627);
        // arrays in snapshots and keys: 690-699
        r.register(byte[].class, 690);
        r.register(byte[][].class, 691);
        r.register(int[].class, 692);
        r.register(long[].class, 693);
    }
}
