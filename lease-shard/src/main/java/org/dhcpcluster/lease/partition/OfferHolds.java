package org.dhcpcluster.lease.partition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.dhcpcluster.lease.serialization.KryoSerializable;

/**
 * Items offered (v4 DHCPOFFER, v6 ADVERTISE) and not yet requested. Holds are not journaled as
 * they are made: an offer is not a binding (nothing has been acknowledged), and journaling every
 * DISCOVER would double the write load. When sharding moves the partition its outstanding holds
 * are written once ({@link PartitionEvent.HandedOver}) and restored on the new node. After a
 * crash they are forgotten; a bind is checked against the durable record either way, so no item
 * can end up bound twice.
 *
 * <p>Mutable, owned by one partition (single-threaded by the actor).
 */
public final class OfferHolds {
    private record Hold(Holder holder, long until) {
    }

    /** An outstanding offer, as handed to the partition's next incarnation. */
    public record Held(int offset, Holder holder, long until) implements KryoSerializable {
    }

    /** When a hold runs out; stale once the hold is replaced or let go (then skipped). */
    private record Expiry(long until, int offset, Hold hold) {
    }

    private final Map<Integer, Hold> byOffset = new HashMap<>();
    private final Map<Holder, Integer> byHolder = new HashMap<>();
    /**
     * Every hold by the time it runs out, so that {@link #live} is exact without scanning: how
     * many items offers hold is what {@link OfferShare} caps, on every DISCOVER of a flood.
     */
    private final PriorityQueue<Expiry> byExpiry = new PriorityQueue<>(Comparator.comparingLong(Expiry::until));

    public boolean heldByOther(int offset, Holder holder, long now) {
        Hold h = byOffset.get(offset);
        return h != null && h.until > now && !h.holder.equals(holder);
    }

    /** The item offered to the holder and still held for it, or -1. */
    public int offeredTo(Holder holder, long now) {
        Integer offset = byHolder.get(holder);
        if (offset == null) {
            return -1;
        }
        Hold h = byOffset.get(offset);
        return h != null && h.until > now ? offset : -1;
    }

    /** Holds an item for a holder, dropping any earlier hold of the same holder. */
    public void hold(int offset, Holder holder, long until) {
        release(holder);
        Hold hold = new Hold(holder, until);
        Hold previous = byOffset.put(offset, hold);
        if (previous != null) {
            byHolder.remove(previous.holder, offset);
        }
        byHolder.put(holder, offset);
        byExpiry.add(new Expiry(until, offset, hold));
    }

    public void release(Holder holder) {
        Integer previous = byHolder.remove(holder);
        if (previous != null) {
            byOffset.remove(previous);
        }
    }

    /** Forgets holds that have run out, so the maps stay as small as the offers in flight. */
    public void expire(long now) {
        for (Expiry e = byExpiry.peek(); e != null && e.until <= now; e = byExpiry.peek()) {
            byExpiry.poll();
            // Identity: the same item may be held again since, by a later hold that is still live.
            if (byOffset.get(e.offset) == e.hold) {
                byOffset.remove(e.offset);
                byHolder.remove(e.hold.holder, e.offset);
            }
        }
    }

    /**
     * How many items offers hold at {@code now}. Forgets the holds that have run out on the way,
     * which changes no answer: every check compares a hold's time with the clock.
     */
    public int live(long now) {
        expire(now);
        return byOffset.size();
    }

    /** The holds that have not run out, in offset order. */
    public List<Held> outstanding(long now) {
        List<Held> out = new ArrayList<>();
        byOffset.forEach((offset, h) -> {
            if (h.until > now) {
                out.add(new Held(offset, h.holder, h.until));
            }
        });
        out.sort(Comparator.comparingInt(Held::offset));
        return out;
    }

    public int size() {
        return byOffset.size();
    }
}
