package org.dhcpcluster.lease.serialization;

import org.dhcpcluster.lease.v4.block.AddressBlock4;
import org.dhcpcluster.lease.v4.block.BlockState;
import org.dhcpcluster.lease.v4.lease.Lease4Entity;
import org.dhcpcluster.lease.v4.lease.Lease4State;
import org.dhcpcluster.lease.v4.lease.Reply4;
import org.dhcpcluster.protocol.v4.DhcpV4Message;

/**
 * Registration ids of lease-shard's messages, events and snapshots. Never renumber: ids of
 * events (2x0-2x9 "events", 2x0 "state" groups) are in every stored journal row.
 */
public final class LeaseShardKryo implements KryoRegistrations.Contributor {
    @Override
    public void register(KryoRegistrations.Registrar r) {
        r.register(DhcpV4Message.class, new DhcpV4MessageSerializer(), 110);

        // address blocks: commands 200-209, replies 210-219, events 220-229, state 230-239
        r.register(AddressBlock4.Offer.class, 200);
        r.register(AddressBlock4.Bind.class, 201);
        r.register(AddressBlock4.Release.class, 202);
        r.register(AddressBlock4.Decline.class, 203);
        r.register(AddressBlock4.WithdrawOffer.class, 204);
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
        r.register(BlockState.class, 230);
        r.register(BlockState.Slot.class, 231);
        r.register(BlockState.Slot[].class, 232);

        // v4 leases: commands 300-309, replies 310-319, events 320-329, state 330-339
        r.register(Lease4Entity.Handle.class, 300);
        r.register(Reply4.Answer.class, 310);
        r.register(Reply4.NoAnswer.class, 311);
        r.register(Reply4.Silence.class, 312);
        r.register(Lease4Entity.LeaseBound.class, 320);
        r.register(Lease4Entity.LeaseRenewed.class, 321);
        r.register(Lease4Entity.LeaseReleased.class, 322);
        r.register(Lease4Entity.LeaseDeclined.class, 323);
        r.register(Lease4State.class, 330);
    }
}
