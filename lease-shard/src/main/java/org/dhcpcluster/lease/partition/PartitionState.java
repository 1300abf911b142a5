package org.dhcpcluster.lease.partition;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Everything a partition knows: the durable records ({@link Slots}, rebuilt from events and
 * snapshots), and what it keeps only in memory: offers in flight ({@link OfferHolds}), recent
 * exchanges ({@link RecentExchanges}), recent DECLINEs per client ({@link DeclineCounts}), and
 * the events and replies of the batch being written.
 *
 * <p>Mutable. The entity applies a decision's events as soon as it is made, so the next message
 * in the same batch sees them (an address offered or bound a moment ago is not given again),
 * and writes the batch afterwards; {@link #apply} skips the events already applied when Pekko
 * replays them on the write. If the write fails the entity restarts from the journal and every
 * applied-ahead decision is gone with it ({@link #forgetAll}), unanswered: durable before
 * acknowledged holds.
 */
public final class PartitionState {
    private final int size;
    private Slots slots;
    private OfferHolds holds = new OfferHolds();
    private RecentExchanges recent = new RecentExchanges();
    private DeclineCounts declines = new DeclineCounts();
    private final List<PartitionEvent> pendingEvents = new ArrayList<>();
    private final List<Runnable> pendingReplies = new ArrayList<>();
    private int appliedAhead;
    /** Where the next unheld offer is looked for: after the last one. */
    private int unheldCursor;
    private UnheldOffers unheld = new UnheldOffers();

    public PartitionState(int size) {
        this.size = size;
        this.slots = new Slots(size);
    }

    /**
     * Back to empty, as when the entity was created. Pekko recovers a restarted entity onto the
     * very state object it was built with, which this class mutates: without this, a restart
     * after a failed write would replay the journal over the decisions applied ahead of that
     * write, and answer from bindings that were never written.
     */
    public void forgetAll() {
        slots = new Slots(size);
        holds = new OfferHolds();
        recent = new RecentExchanges();
        declines = new DeclineCounts();
        pendingEvents.clear();
        pendingReplies.clear();
        appliedAhead = 0;
        unheldCursor = 0;
        unheld = new UnheldOffers();
    }

    public Slots slots() {
        return slots;
    }

    public OfferHolds holds() {
        return holds;
    }

    public RecentExchanges recent() {
        return recent;
    }

    public DeclineCounts declines() {
        return declines;
    }

    // ---- allocation: the one core both families use --------------------------------------

    /**
     * Whether {@code holder} may have the item now: its record is free, expired, or the holder's
     * own binding, it is not quarantined, and nobody else's offer holds it.
     */
    public boolean availableTo(int offset, Holder holder, long now) {
        return recordAllows(offset, holder, now) && !holds.heldByOther(offset, holder, now);
    }

    private boolean recordAllows(int offset, Holder holder, long now) {
        byte state = slots.state(offset);
        if (state == Slots.FREE || slots.expiresAt(offset) <= now) {
            return true;
        }
        return state != Slots.DECLINED && holder.is(slots.subnet(offset), slots.holder(offset));
    }

    /** Whether the item is quarantined after a DECLINE. */
    public boolean quarantined(int offset, long now) {
        return slots.state(offset) == Slots.DECLINED && slots.expiresAt(offset) > now;
    }

    /**
     * An item for a holder without a usable record: the first never-used {@code allowed} item
     * from {@code start} on (cyclically), else the one whose lease ended longest ago, so a
     * returning client is likely to find its old item still unclaimed. Items offered a moment
     * ago without a hold are taken last ({@link UnheldOffers}). -1 if none is free.
     */
    public int pick(BitSet allowed, int start, Holder holder, long now) {
        return scan(allowed, start, holder, now, true);
    }

    /**
     * An item for an offer that holds nothing (the offer share is full, {@link OfferShare}): the
     * first never-used {@code allowed} item after the previous unheld offer, cyclically, else
     * the first one whose lease ended, items offered without a hold last. Offers that hold
     * nothing keep nobody from an item, so clients offered one together would meet at REQUEST if
     * they were given the same item; going round the free items in turn gives each its own until
     * there are more offers out than free items. (The item whose lease ended longest ago, as
     * {@link #pick} chooses, would be the same one for all of them.) -1 if none is free.
     */
    public int pickUnheld(BitSet allowed, Holder holder, long now) {
        return scan(allowed, unheldCursor, holder, now, false);
    }

    /**
     * From {@code start}, cyclically: the first never-used item, else the oldest (or the first)
     * ended one; an item out in an unheld offer only when there is nothing else.
     */
    private int scan(BitSet allowed, int start, Holder holder, long now, boolean oldestEnded) {
        int ended = -1;
        long endedAt = Long.MAX_VALUE;
        int offeredUnheld = -1;
        int size = slots.size();
        int begin = Math.floorMod(start, size);
        for (int pass = 0; pass < 2; pass++) {
            int from = pass == 0 ? begin : 0;
            int to = pass == 0 ? size : begin;
            for (int o = allowed.nextSetBit(from); o >= 0 && o < to; o = allowed.nextSetBit(o + 1)) {
                boolean neverUsed = slots.state(o) == Slots.FREE;
                long expiry = slots.expiresAt(o);
                if ((!neverUsed && expiry > now) || holds.heldByOther(o, holder, now)) {
                    continue;
                }
                if (unheld.outstanding(o, now)) {
                    offeredUnheld = offeredUnheld < 0 ? o : offeredUnheld;
                } else if (neverUsed) {
                    return o;
                } else if (oldestEnded ? expiry < endedAt : ended < 0) {
                    ended = o;
                    endedAt = expiry;
                }
            }
        }
        return ended >= 0 ? ended : offeredUnheld;
    }

    /** The holder's bound, unexpired item in this partition, or -1. */
    public int boundTo(Holder holder, long now) {
        int o = slots.offsetOf(holder);
        return o >= 0 && slots.boundAt(o, now) ? o : -1;
    }

    // ---- events ----------------------------------------------------------------------------

    /**
     * Takes a decision for {@code holder}'s message: its offer hold let go or made, its events
     * applied ahead of their write. Pure tests of the rules take decisions the same way.
     */
    public void take(Decision d, Holder holder) {
        if (d.releaseHold()) {
            holds.release(holder);
        }
        if (d.holdOffset() >= 0) {
            holds.hold(d.holdOffset(), holder, d.holdUntil());
        }
        if (d.unheldOffset() >= 0) {
            unheldCursor = d.unheldOffset() + 1;
            unheld.offered(d.unheldOffset(), d.holdUntil());
        }
        d.events().forEach(this::applyAhead);
    }

    /** Applies a decision's event now; the write that follows will not apply it again. */
    public void applyAhead(PartitionEvent e) {
        apply(e);
        appliedAhead++;
        pendingEvents.add(e);
    }

    /** The event handler: every event once, whether replayed at recovery or written now. */
    public PartitionState onEvent(PartitionEvent e) {
        if (appliedAhead > 0) {
            appliedAhead--;
            return this;
        }
        apply(e);
        return this;
    }

    private void apply(PartitionEvent e) {
        if (e instanceof PartitionEvent.Bound b) {
            slots.set(b.offset(), b.subnetId(), b.holder(), b.expiresAt(), Slots.BOUND, true);
            holds.release(new Holder(b.subnetId(), b.holder()));
        } else if (e instanceof PartitionEvent.Renewed r) {
            slots.update(r.offset(), r.expiresAt(), Slots.BOUND, true);
        } else if (e instanceof PartitionEvent.Released r) {
            // The releaser stays on record (expired now), so it gets the same item back first.
            slots.update(r.offset(), r.at(), Slots.RELEASED, true);
        } else if (e instanceof PartitionEvent.Declined d) {
            Holder decliner = new Holder(d.subnetId(), d.holder());
            holds.release(decliner);
            declines.record(decliner, d.at());
            slots.set(d.offset(), d.subnetId(), d.holder(), d.quarantinedUntil(), Slots.DECLINED, false);
        } else if (e instanceof PartitionEvent.HandedOver h) {
            // Stale entries are harmless: every check compares their times with the clock.
            h.offers().forEach(o -> holds.hold(o.offset(), o.holder(), o.until()));
            h.recent().forEach(recent::restore);
        }
    }

    // ---- the batch being written -------------------------------------------------------------

    public boolean writePending() {
        return !pendingEvents.isEmpty();
    }

    /** A reply that may leave only once the pending events are durable. */
    public void afterWrite(Runnable reply) {
        pendingReplies.add(reply);
    }

    /** Takes the pending events (for one write) and the replies that wait for them. */
    public List<PartitionEvent> takePendingEvents() {
        List<PartitionEvent> out = List.copyOf(pendingEvents);
        pendingEvents.clear();
        return out;
    }

    public List<Runnable> takePendingReplies() {
        List<Runnable> out = List.copyOf(pendingReplies);
        pendingReplies.clear();
        return out;
    }

    // ---- snapshots ------------------------------------------------------------------------

    /** An immutable copy of the durable records: Pekko serializes a snapshot while the entity goes on. */
    public PartitionSnapshot snapshot() {
        int n = slots.used();
        int[] offsets = new int[n];
        int[] subnets = new int[n];
        byte[][] holders = new byte[n][];
        long[] expiries = new long[n];
        byte[] states = new byte[n];
        BitSet indexed = new BitSet(n);
        int i = 0;
        for (int o = slots.nextUsed(0); o >= 0; o = slots.nextUsed(o + 1), i++) {
            offsets[i] = o;
            subnets[i] = slots.subnet(o);
            holders[i] = slots.holder(o);
            expiries[i] = slots.expiresAt(o);
            states[i] = slots.state(o);
            if (slots.offsetOf(subnets[i], holders[i]) == o) {
                indexed.set(i);
            }
        }
        return new PartitionSnapshot(slots.size(), offsets, subnets, holders, expiries, states, indexed.toByteArray());
    }

    public static PartitionState from(PartitionSnapshot s) {
        PartitionState state = new PartitionState(s.size());
        BitSet indexed = BitSet.valueOf(s.indexed());
        for (int i = 0; i < s.offsets().length; i++) {
            state.slots.set(s.offsets()[i], s.subnets()[i], s.holders()[i], s.expiresAt()[i], s.states()[i], false);
        }
        for (int i = indexed.nextSetBit(0); i >= 0; i = indexed.nextSetBit(i + 1)) {
            state.slots.set(s.offsets()[i], s.subnets()[i], s.holders()[i], s.expiresAt()[i], s.states()[i], true);
        }
        return state;
    }
}
