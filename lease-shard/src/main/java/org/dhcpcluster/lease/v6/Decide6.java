package org.dhcpcluster.lease.v6;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.lease.partition.Decision;
import org.dhcpcluster.lease.partition.DeclineLimits;
import org.dhcpcluster.lease.partition.Holder;
import org.dhcpcluster.lease.partition.OfferShare;
import org.dhcpcluster.lease.partition.PartitionEvent;
import org.dhcpcluster.lease.partition.PartitionState;
import org.dhcpcluster.lease.partition.Slots;
import org.dhcpcluster.lease.v6.Answer6.Granted6;
import org.dhcpcluster.lease.v6.policy.Policy6;
import org.dhcpcluster.lease.v6.policy.Reservation6;
import org.dhcpcluster.lease.v6.policy.Subnet6;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.lease.v6.space.SliceKey;

/**
 * RFC 8415 section 18.3 for one identity association over one partition: what the IA gets,
 * from the message, the partition's records, the policy and the time. Pure: it reads the state
 * and returns a {@link Decision}.
 *
 * <ul>
 *   <li>SOLICIT: the IA's item here, else its reservation, the item advertised to it, its
 *       previous one, an item it listed, or a free one; held (within the share of
 *       {@link OfferShare}; a reservation always) and advertised, nothing journaled.
 *       With Rapid Commit, and for REQUEST: bound (or extended), one event, answered once durable.</li>
 *   <li>RENEW, REBIND: the IA's item here extended; items it listed that are not its own get
 *       zero lifetimes; an item no longer in a pool is withdrawn (RFC 8415 section 18.3.4).
 *       Without a binding: NoBinding.</li>
 *   <li>RELEASE, DECLINE: the listed items bound to the IA are released, or quarantined; beyond
 *       the DECLINE limits ({@link DeclineLimits}) released instead, and the message says so.</li>
 * </ul>
 */
final class Decide6 {
    private final Request6 r;
    private final Holder holder;
    private final SliceKey slice;
    private final PartitionState state;
    private final Slots slots;
    private final Subnet6 subnet;
    private final Policy6 policy;
    private final BitSet dynamic;
    private final long now;
    private final Optional<Address128> reserved;

    Decide6(Request6 r, SliceKey slice, PartitionState state, Subnet6 subnet, Policy6 policy, BitSet dynamic, long now) {
        this.r = r;
        this.holder = r.holder();
        this.slice = slice;
        this.state = state;
        this.slots = state.slots();
        this.subnet = subnet;
        this.policy = policy;
        this.dynamic = dynamic;
        this.now = now;
        Optional<Reservation6> reservation = subnet.reservationFor(HexFormat.of().formatHex(IaKey.duid(holder.key())));
        boolean pd = IaKey.type(holder.key()).delegatesPrefixes();
        this.reserved = reservation.flatMap(res -> pd
                ? res.prefix().filter(p -> res.prefixLength() == slice.length())
                : res.address().filter(a -> slice.length() == 128));
    }

    Decision decide() {
        return switch (r.kind()) {
            case SOLICIT, REQUEST -> acquire(r.kind() == Kind6.REQUEST || r.commit());
            case RENEW, REBIND -> extend();
            case RELEASE -> release(false);
            case DECLINE -> release(true);
        };
    }

    // ---- SOLICIT and REQUEST ------------------------------------------------------------------

    private Decision acquire(boolean commit) {
        List<PartitionEvent> events = new ArrayList<>();
        List<Granted6> items = new ArrayList<>();
        if (r.find() == Request6.Find.RESERVED) {
            int offset = reserved.filter(slice::contains).map(slice::offsetOf).orElse(-1);
            if (offset >= 0 && !state.quarantined(offset, now) && state.availableTo(offset, holder, now)) {
                return take(offset, commit, events, items);
            }
            return elsewhere("the reserved item is in use");
        }
        int own = state.boundTo(holder, now);
        if (own >= 0) {
            if (appropriate(own)) {
                if (commit) {
                    events.add(new PartitionEvent.Renewed(own, now, validUntil(), preferredUntil()));
                }
                items.add(grant(own));
                return result(events, items, Status6.SUCCESS, null);
            }
            // Its pool is gone: withdraw it (zero lifetimes) and find it another.
            if (commit) {
                events.add(new PartitionEvent.Released(own, now));
            }
            items.add(new Granted6(slice.itemAt(own), slice.length(), 0, 0));
        }
        for (int candidate : candidates()) {
            if (candidate >= 0 && dynamic.get(candidate) && !state.quarantined(candidate, now) && state.availableTo(candidate, holder, now)) {
                return take(candidate, commit, events, items);
            }
        }
        if (r.find() == Request6.Find.ANY) {
            // An advertisement beyond the offer share holds nothing: go round the free items in
            // turn so that IAs advertised together are not advertised the same one.
            int picked = !commit && !mayHold() ? state.pickUnheld(dynamic, holder, now)
                    : state.pick(dynamic, holder.spread() & (slice.size() - 1), holder, now);
            if (picked >= 0) {
                return take(picked, commit, events, items);
            }
        }
        if (!events.isEmpty()) {
            return result(events, items, Status6.noneAvailable(IaKey.type(holder.key())), "no free item in " + slice);
        }
        return elsewhere("nothing for this IA in " + slice);
    }

    /** The item advertised to the IA, its previous one, then the ones it listed. */
    private int[] candidates() {
        int[] out = new int[2 + r.hints().size()];
        out[0] = state.holds().offeredTo(holder, now);
        out[1] = slots.offsetOf(holder);
        for (int i = 0; i < r.hints().size(); i++) {
            Hint6 h = r.hints().get(i);
            out[2 + i] = h.length() == slice.length() && slice.contains(h.item()) ? slice.offsetOf(h.item()) : -1;
        }
        return out;
    }

    private Decision take(int offset, boolean commit, List<PartitionEvent> events, List<Granted6> items) {
        items.add(grant(offset));
        if (!commit) {
            Answer6.IaResult advertised = new Answer6.IaResult(items, Status6.SUCCESS, null);
            boolean hold = r.find() == Request6.Find.RESERVED || mayHold();
            return hold ? Decision.offer(events, advertised, offset, now + policy.offerHold().toMillis())
                    : Decision.unheldOffer(events, advertised, offset, now + policy.offerHold().toMillis());
        }
        int previous = state.boundTo(holder, now);
        if (previous >= 0 && previous != offset && events.stream().noneMatch(e -> e instanceof PartitionEvent.Released)) {
            events.add(new PartitionEvent.Released(previous, now));
        }
        events.add(new PartitionEvent.Bound(offset, holder.subnetId(), holder.key(), now, validUntil(), preferredUntil(),
                new PartitionEvent.LeaseDetails(null, null, r.via())));
        return result(events, items, Status6.SUCCESS, null);
    }

    private boolean mayHold() {
        return OfferShare.mayHold(state, dynamic, holder, now, policy.floodLimits());
    }

    // ---- RENEW and REBIND ---------------------------------------------------------------------

    private Decision extend() {
        List<PartitionEvent> events = new ArrayList<>();
        List<Granted6> items = new ArrayList<>();
        int own = state.boundTo(holder, now);
        if (own >= 0) {
            if (appropriate(own)) {
                events.add(new PartitionEvent.Renewed(own, now, validUntil(), preferredUntil()));
                items.add(grant(own));
            } else {
                events.add(new PartitionEvent.Released(own, now));
                items.add(new Granted6(slice.itemAt(own), slice.length(), 0, 0));
            }
        }
        for (Hint6 h : r.hints()) {
            if (h.length() == slice.length() && slice.contains(h.item()) && slice.offsetOf(h.item()) != own) {
                // Listed but not this IA's: the client must stop using it.
                items.add(new Granted6(h.item(), h.length(), 0, 0));
            }
        }
        if (own < 0) {
            return result(events, List.of(), Status6.NO_BINDING, "no binding for " + IaKey.text(holder.key()));
        }
        return result(events, items, Status6.SUCCESS, null);
    }

    // ---- RELEASE and DECLINE ------------------------------------------------------------------

    private Decision release(boolean decline) {
        List<PartitionEvent> events = new ArrayList<>();
        int declined = 0;
        DeclineLimits.Refusal refused = null;
        for (Hint6 h : r.hints()) {
            if (h.length() != slice.length() || !slice.contains(h.item())) {
                continue;
            }
            int offset = slice.offsetOf(h.item());
            if (!slots.boundAt(offset, now) || !holder.is(slots.subnet(offset), slots.holder(offset))) {
                continue;
            }
            DeclineLimits.Refusal refusal = decline ? DeclineLimits.refusal(state, dynamic, holder, declined, now, policy.floodLimits()) : null;
            if (decline && refusal == null) {
                events.add(new PartitionEvent.Declined(offset, holder.subnetId(), holder.key(), now, now + policy.declineQuarantine().toMillis()));
                declined++;
            } else {
                refused = refusal;
                events.add(new PartitionEvent.Released(offset, now));
            }
        }
        if (events.isEmpty()) {
            return result(events, List.of(), Status6.NO_BINDING, "none of the listed items is bound to " + IaKey.text(holder.key()));
        }
        if (refused != null) {
            return Decision.write(events, new Answer6.DeclineRefused(refused, refusalText(refused)));
        }
        return result(events, List.of(), Status6.SUCCESS, decline ? "declined" : "released");
    }

    private String refusalText(DeclineLimits.Refusal refusal) {
        return "declined, not quarantined but released: " + (refusal == DeclineLimits.Refusal.CLIENT_LIMIT
                ? "this IA declined " + policy.floodLimits().declinesPerClient() + " items within " + policy.floodLimits().declineWindow()
                : policy.floodLimits().quarantineShare() + "% of " + slice + "'s pool is quarantined already");
    }

    // ---- helpers --------------------------------------------------------------------------

    private boolean appropriate(int offset) {
        return dynamic.get(offset) || reserved.filter(a -> slice.contains(a) && slice.offsetOf(a) == offset).isPresent();
    }

    private Granted6 grant(int offset) {
        return new Granted6(slice.itemAt(offset), slice.length(), subnet.lifetimes().preferred(), subnet.lifetimes().valid());
    }

    private long validUntil() {
        return now + subnet.lifetimes().valid() * 1000;
    }

    private long preferredUntil() {
        return now + subnet.lifetimes().preferred() * 1000;
    }

    private static Decision result(List<PartitionEvent> events, List<Granted6> items, Status6 status, String message) {
        return Decision.write(events, new Answer6.IaResult(items, status, message));
    }

    private static Decision elsewhere(String why) {
        return Decision.answer(new Answer6.Elsewhere(why));
    }
}
