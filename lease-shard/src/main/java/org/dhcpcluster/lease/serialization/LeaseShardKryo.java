package org.dhcpcluster.lease.serialization;

import java.util.List;
import org.dhcpcluster.lease.holds.OfferHolds;
import org.dhcpcluster.lease.v4.block.AddressBlock4;
import org.dhcpcluster.lease.v4.block.BlockState;
import org.dhcpcluster.lease.v4.lease.Lease4Entity;
import org.dhcpcluster.lease.v4.lease.Lease4State;
import org.dhcpcluster.lease.v4.lease.Reply4;
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
import org.dhcpcluster.protocol.v4.DhcpV4Message;

/**
 * Registration ids of lease-shard's messages, events and snapshots. Never renumber: ids of
 * events (2x0-2x9 "events", 2x0 "state" groups) are in every stored journal row.
 */
public final class LeaseShardKryo implements KryoRegistrations.Contributor {
    @Override
    public void register(KryoRegistrations.Registrar r) {
        r.register(DhcpV4Message.class, new DhcpV4MessageSerializer(), 110);
        // JDK unmodifiable lists, by implementation class: 120 onwards in a fixed order
        int listId = 120;
        for (Class<List<?>> listClass : ImmutableListSerializer.implementations()) {
            r.register(listClass, new ImmutableListSerializer(), listId++);
        }

        // address blocks: commands 200-209, replies 210-219, events 220-229, state 230-239
        r.register(AddressBlock4.Offer.class, 200);
        r.register(AddressBlock4.Bind.class, 201);
        r.register(AddressBlock4.Release.class, 202);
        r.register(AddressBlock4.Decline.class, 203);
        r.register(AddressBlock4.WithdrawOffer.class, 204);
        r.register(AddressBlock4.Stop.class, 205);
        r.register(AddressBlock4.Offered.class, 210);
        r.register(AddressBlock4.NoFreeAddress.class, 211);
        r.register(AddressBlock4.Bound.class, 212);
        r.register(AddressBlock4.Refused.class, 213);
        r.register(AddressBlock4.Refusal.class, 214);
        r.register(AddressBlock4.Released.class, 215);
        r.register(AddressBlock4.Declined.class, 216);
        r.register(AddressBlock4.AddressBound.class, 220);
        r.register(AddressBlock4.AddressReleased.class, 221);
        r.register(AddressBlock4.AddressDeclined.class, 222);
        r.register(AddressBlock4.OffersHandedOver.class, 223);
        r.register(OfferHolds.Held.class, 224);
        r.register(BlockState.class, 230);
        r.register(BlockState.Slot.class, 231);
        r.register(BlockState.Slot[].class, 232);

        // v4 leases: commands 300-309, replies 310-319, events 320-329, state 330-339
        r.register(Lease4Entity.Handle.class, 300);
        r.register(Lease4Entity.Stop.class, 301);
        r.register(Reply4.Answer.class, 310);
        r.register(Reply4.NoAnswer.class, 311);
        r.register(Reply4.Silence.class, 312);
        r.register(Lease4Entity.LeaseBound.class, 320);
        r.register(Lease4Entity.LeaseRenewed.class, 321);
        r.register(Lease4Entity.LeaseReleased.class, 322);
        r.register(Lease4Entity.LeaseDeclined.class, 323);
        r.register(Lease4Entity.HandedOver.class, 324);
        r.register(Lease4State.class, 330);

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
    }
}
