package org.dhcpcluster.lease.v4;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.dhcpcluster.lease.partition.Decision;
import org.dhcpcluster.lease.partition.DeclineLimits;
import org.dhcpcluster.lease.partition.Holder;
import org.dhcpcluster.lease.partition.OfferShare;
import org.dhcpcluster.lease.partition.PartitionEvent;
import org.dhcpcluster.lease.partition.PartitionState;
import org.dhcpcluster.lease.partition.Slots;
import org.dhcpcluster.lease.v4.Answer4.Silence;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v4.policy.Reservation4;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.Ipv4;

/**
 * RFC 2131 section 4.3 over one partition: what a DHCPv4 message gets, from the message, the
 * partition's records, the policy and the time. Pure: it reads the state and returns a
 * {@link Decision}; the entity applies and journals it.
 *
 * <ul>
 *   <li>DISCOVER: the client's reservation, else its own record here (its current or previous
 *       address), else the address it asked for, else the first never-used address, else the
 *       one whose lease ended longest ago; held as an offer, nothing journaled. Offers hold at
 *       most a share of the free addresses ({@link OfferShare}); beyond it they hold nothing
 *       and go round the free addresses in turn, so clients offered together are offered
 *       different ones ({@link PartitionState#pickUnheld}).</li>
 *   <li>REQUEST: the planner's checks (an address other than the one on record is NAKed; a
 *       reserved client asking for another address is NAKed), then a bind: a new binding or a
 *       renewal, one event, acknowledged once durable. A refusal is NAKed when the client is
 *       on record, named this server, or the subnet is authoritative; else silence.</li>
 *   <li>RELEASE of its own bound address: one event. DECLINE of its offered or bound address:
 *       quarantined for everyone, one event; beyond the DECLINE limits ({@link DeclineLimits})
 *       let go instead, and the silence says which limit.</li>
 * </ul>
 */
final class Decide4 {
    private static final int DISCOVER = DhcpMessageType.DISCOVER.code();
    private static final int REQUEST = DhcpMessageType.REQUEST.code();
    private static final int DECLINE = DhcpMessageType.DECLINE.code();
    private static final int RELEASE = DhcpMessageType.RELEASE.code();

    private final Request4 r;
    private final Holder holder;
    private final Block4 block;
    private final PartitionState state;
    private final Slots slots;
    private final Subnet4 subnet;
    private final Policy4 policy;
    private final BitSet dynamic;
    private final long now;
    private final Optional<Reservation4> reservation;

    Decide4(Request4 r, Block4 block, PartitionState state, Subnet4 subnet, Policy4 policy, BitSet dynamic, long now) {
        this.r = r;
        this.holder = r.holder();
        this.block = block;
        this.state = state;
        this.slots = state.slots();
        this.subnet = subnet;
        this.policy = policy;
        this.dynamic = dynamic;
        this.now = now;
        boolean anyReservations = !subnet.reservationsByHardwareAddress().isEmpty() || !subnet.reservationsByClientId().isEmpty();
        this.reservation = anyReservations ? subnet.reservationFor(hardwareText(r.hardwareAddress()),
                Optional.ofNullable(ClientKey4.clientIdHex(holder.key()))) : Optional.empty();
    }

    Decision decide() {
        if (r.type() == DISCOVER) {
            return discover();
        } else if (r.type() == REQUEST) {
            return request();
        } else if (r.type() == RELEASE) {
            return release();
        } else if (r.type() == DECLINE) {
            return decline();
        }
        return silent(Silence.UNSUPPORTED, "message type " + r.type() + " is not decided by a partition");
    }

    // ---- DISCOVER ------------------------------------------------------------------------

    private Decision discover() {
        if (r.find() == Request4.Find.RESERVED) {
            int offset = offsetIn(r.address());
            if (offset >= 0 && !state.quarantined(offset, now) && state.availableTo(offset, holder, now)) {
                return offer(offset, true, true);
            }
            // Still held by the client that had it before the reservation existed: a dynamic
            // address until that lease ends.
            return elsewhere("reserved address " + Ipv4.format(r.address()) + " is in use");
        }
        int own = slots.offsetOf(holder);
        if (own >= 0 && dynamic.get(own) && state.availableTo(own, holder, now) && !state.quarantined(own, now)) {
            return offer(own, false, mayHold());
        }
        int asked = offsetIn(r.address());
        if (asked >= 0 && dynamic.get(asked) && state.availableTo(asked, holder, now) && !state.quarantined(asked, now)) {
            return offer(asked, false, mayHold());
        }
        if (r.find() == Request4.Find.PREFERRED) {
            return elsewhere("preferred address " + Ipv4.format(r.address()) + " is not free");
        }
        boolean hold = mayHold();
        int picked = hold ? state.pick(dynamic, 0, holder, now) : state.pickUnheld(dynamic, holder, now);
        return picked < 0 ? elsewhere("no free address in " + block) : offer(picked, false, hold);
    }

    /** A reservation is always held (it is this client's alone); dynamic offers within the share. */
    private Decision offer(int offset, boolean reserved, boolean hold) {
        long lease = subnet.leaseTimes().grant(leaseAsked());
        Answer4.Offer offer = new Answer4.Offer(block.addressAt(offset), lease, reserved);
        long until = now + policy.offerHold().toMillis();
        return hold ? Decision.offer(offer, offset, until) : Decision.unheldOffer(List.of(), offer, offset, until);
    }

    private boolean mayHold() {
        return OfferShare.mayHold(state, dynamic, holder, now, policy.floodLimits());
    }

    // ---- REQUEST ---------------------------------------------------------------------------

    private Decision request() {
        int address = r.address();
        int offset = offsetIn(address);
        if (offset < 0) {
            return nak("address " + Ipv4.format(address) + " is not served here");
        }
        if (reservation.isPresent()) {
            if (reservation.get().address() != address) {
                return nak("address " + Ipv4.format(reservation.get().address()) + " is reserved for this client");
            }
            return bind(offset, true, true);
        }
        int bound = state.boundTo(holder, now);
        int offered = state.holds().offeredTo(holder, now);
        boolean onRecord = bound >= 0 || offered >= 0;
        if (onRecord && offset != bound && offset != offered) {
            int known = offered >= 0 ? offered : bound;
            return nak("requested " + Ipv4.format(address) + " but this client's address is " + Ipv4.format(block.addressAt(known)));
        }
        // On record: the client's own address, so a refusal means we can no longer give it: NAK.
        // Not on record: a refusal means someone else has it: NAK only if the client chose us or
        // the subnet is authoritative (RFC 2131 section 4.3.2, INIT-REBOOT without a record).
        return bind(offset, false, onRecord || r.selecting() || subnet.authoritative());
    }

    private Decision bind(int offset, boolean reserved, boolean nakOnRefusal) {
        String refusal = null;
        if (!reserved && !dynamic.get(offset)) {
            refusal = "not in a pool of " + subnet;
        } else if (state.quarantined(offset, now)) {
            refusal = "declined by a client, quarantined";
        } else if (!state.availableTo(offset, holder, now)) {
            refusal = "in use by another client";
        }
        String address = Ipv4.format(block.addressAt(offset));
        if (refusal != null) {
            return nakOnRefusal ? nak("address " + address + " is not available (" + refusal + ")")
                    : silent(Silence.NO_RECORD, "no record of the client and " + address + " is not available (" + refusal + ")");
        }
        long lease = subnet.leaseTimes().grant(leaseAsked());
        long expiresAt = now + lease * 1000;
        List<PartitionEvent> events = new ArrayList<>(2);
        if (slots.boundAt(offset, now) && holder.is(slots.subnet(offset), slots.holder(offset))) {
            events.add(new PartitionEvent.Renewed(offset, now, expiresAt, 0));
        } else {
            int previous = state.boundTo(holder, now);
            if (previous >= 0 && previous != offset) {
                // One binding per client: its reservation (or a REQUEST the rules allowed) replaces the old one.
                events.add(new PartitionEvent.Released(previous, now));
            }
            events.add(new PartitionEvent.Bound(offset, holder.subnetId(), holder.key(), now, expiresAt, 0, details()));
        }
        return Decision.write(events, new Answer4.Ack(block.addressAt(offset), lease, reserved));
    }

    // ---- RELEASE and DECLINE ---------------------------------------------------------------

    private Decision release() {
        int offset = offsetIn(r.address());
        if (offset < 0 || !slots.boundAt(offset, now) || !holder.is(slots.subnet(offset), slots.holder(offset))) {
            return silent(Silence.NO_REPLY_EXPECTED, "RELEASE of " + Ipv4.format(r.address()) + " which this client does not hold");
        }
        return Decision.write(List.of(new PartitionEvent.Released(offset, now)),
                new Answer4.Silent(Silence.NO_REPLY_EXPECTED, "released " + Ipv4.format(r.address())));
    }

    private Decision decline() {
        int offset = offsetIn(r.address());
        boolean given = offset >= 0 && (offset == state.holds().offeredTo(holder, now) || offset == state.boundTo(holder, now));
        if (!given) {
            return silent(Silence.NO_REPLY_EXPECTED, "DECLINE of " + Ipv4.format(r.address()) + " which this client was not given");
        }
        DeclineLimits.Refusal refusal = DeclineLimits.refusal(state, dynamic, holder, 0, now, policy.floodLimits());
        if (refusal != null) {
            return declineRefused(offset, refusal);
        }
        long until = now + policy.declineQuarantine().toMillis();
        return Decision.write(List.of(new PartitionEvent.Declined(offset, holder.subnetId(), holder.key(), now, until)),
                new Answer4.Silent(Silence.NO_REPLY_EXPECTED, "declined " + Ipv4.format(r.address())
                        + ": in use on the client's link, quarantined for " + policy.declineQuarantine()));
    }

    /** Not quarantined: the offer's hold, or the binding, is let go as if the client had never had it. */
    private Decision declineRefused(int offset, DeclineLimits.Refusal refusal) {
        Silence reason = refusal == DeclineLimits.Refusal.CLIENT_LIMIT ? Silence.DECLINE_CLIENT_LIMIT : Silence.DECLINE_QUARANTINE_FULL;
        String why = refusal == DeclineLimits.Refusal.CLIENT_LIMIT
                ? "this client declined " + policy.floodLimits().declinesPerClient() + " addresses within " + policy.floodLimits().declineWindow()
                : policy.floodLimits().quarantineShare() + "% of " + block + "'s pool is quarantined already";
        Answer4.Silent answer = new Answer4.Silent(reason, "DECLINE of " + Ipv4.format(r.address()) + " not honoured (" + why
                + "): released, not quarantined");
        List<PartitionEvent> events = offset == state.boundTo(holder, now) ? List.of(new PartitionEvent.Released(offset, now)) : List.of();
        return new Decision(events, answer, -1, 0, true, -1);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private int offsetIn(int address) {
        return address != 0 && block.contains(address) ? block.offsetOf(address) : -1;
    }

    private OptionalLong leaseAsked() {
        return r.requestedLeaseSeconds() < 0 ? OptionalLong.empty() : OptionalLong.of(r.requestedLeaseSeconds());
    }

    private PartitionEvent.LeaseDetails details() {
        return new PartitionEvent.LeaseDetails(r.hardwareAddress(), r.hostName(), r.giaddr() == 0 ? null : Ipv4.format(r.giaddr()));
    }

    private Decision nak(String message) {
        return Decision.answer(new Answer4.Nak(message));
    }

    private static Decision silent(Silence reason, String detail) {
        return Decision.answer(new Answer4.Silent(reason, detail));
    }

    private static Decision elsewhere(String why) {
        return Decision.answer(new Answer4.Elsewhere(why));
    }

    /** chaddr in the configuration's form, lower-case "aa:bb:cc:dd:ee:ff". */
    static String hardwareText(byte[] chaddr) {
        if (chaddr == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < chaddr.length; i++) {
            sb.append(i == 0 ? "" : ":").append(hex.toHexDigits(chaddr[i]));
        }
        return sb.toString();
    }
}
