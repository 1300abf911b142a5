package org.dhcpcluster.lease.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import org.dhcpcluster.lease.partition.Decision;
import org.dhcpcluster.lease.partition.Holder;
import org.dhcpcluster.lease.partition.OfferHolds;
import org.dhcpcluster.lease.partition.PartitionKey;
import org.dhcpcluster.lease.partition.PartitionRequest;
import org.dhcpcluster.lease.partition.PartitionRules;
import org.dhcpcluster.lease.partition.PartitionState;
import org.dhcpcluster.lease.partition.Slots;

/**
 * One partition driven by a family's pure rules without an actor: each request is decided
 * and its decision applied the way {@code PartitionEntity} applies it (offer hold, events
 * applied ahead, then written), and after each step the partition-wide invariants are checked.
 * Lets a fuzzer run thousands of message sequences a second against the decide functions.
 */
public final class DecisionReplay {
    private final PartitionRules rules;
    private final PartitionKey key;
    private DecidingPartition partition;

    public DecisionReplay(PartitionRules rules, PartitionKey key) {
        this.rules = rules;
        this.key = key;
        this.partition = new DecidingPartition(rules, key);
    }

    public PartitionState state() {
        return partition.state();
    }

    /** Decides {@code r} at {@code now} and applies the decision as the entity does; the write succeeds. */
    public Decision step(PartitionRequest r, long now) {
        Decision d = partition.decide(r, now);
        assertTrue(d.holdOffset() < key.size(), () -> "hold outside the partition: " + d);
        // The batch is written: Pekko hands every event back to the handler, which skips the ones applied ahead.
        PartitionState state = partition.state();
        state.takePendingEvents().forEach(state::onEvent);
        state.takePendingReplies();
        return d;
    }

    /** As after a restart from a snapshot: the durable records only, offers forgotten. */
    public void restartFromSnapshot(long now) {
        Map<Integer, Holder> before = boundHolders(now);
        partition = new DecidingPartition(rules, key, PartitionState.from(state().snapshot()));
        assertEquals(before, boundHolders(now), "a snapshot must restore every binding");
    }

    /**
     * What must hold after every step: an item is bound to at most one client (one slot per
     * item), a client holds at most one bound item here, every bound item is one {@code mayHold}
     * allows for its holder (its pool or its own reservation), and no client's outstanding offer
     * sits on an item bound to someone else.
     */
    public void checkInvariants(long now, BoundItemRule mayHold) {
        Map<Integer, Holder> bound = boundHolders(now);
        Map<Holder, Integer> itemOf = new HashMap<>();
        bound.forEach((offset, holder) -> {
            Integer other = itemOf.put(holder, offset);
            assertEquals(null, other, () -> holder + " is bound to two items here: " + other + " and " + offset);
            assertTrue(mayHold.allows(offset, holder), () -> "item " + offset + " is bound to " + holder + ", who may not have it");
            assertEquals(offset, state().slots().offsetOf(holder), () -> "the holder index disagrees with the slots for " + holder);
        });
        for (OfferHolds.Held held : state().holds().outstanding(now)) {
            Holder owner = bound.get(held.offset());
            assertTrue(owner == null || owner.equals(held.holder()),
                    () -> "item " + held.offset() + " is offered to " + held.holder() + " but bound to " + owner);
        }
        assertEquals(bound.size(), state().slots().boundCount(now));
    }

    /** Whether an item is bound to a client at {@code now}, per the slots. */
    public boolean boundTo(int offset, Holder holder, long now) {
        Slots s = state().slots();
        return s.boundAt(offset, now) && holder.is(s.subnet(offset), s.holder(offset));
    }

    /** Whether an item is bound to anyone other than {@code holder} at {@code now}. */
    public boolean boundToOther(int offset, Holder holder, long now) {
        return state().slots().boundAt(offset, now) && !boundTo(offset, holder, now);
    }

    public boolean quarantined(int offset, long now) {
        return state().quarantined(offset, now);
    }

    private Map<Integer, Holder> boundHolders(long now) {
        Map<Integer, Holder> out = new HashMap<>();
        Slots s = state().slots();
        for (int o = s.nextUsed(0); o >= 0; o = s.nextUsed(o + 1)) {
            if (s.boundAt(o, now)) {
                out.put(o, new Holder(s.subnet(o), s.holder(o)));
            }
        }
        return out;
    }

    /** Which items a holder may be bound to: the family's pool and reservation rule. */
    @FunctionalInterface
    public interface BoundItemRule {
        boolean allows(int offset, Holder holder);

        static BoundItemRule anyOf(IntPredicate dynamic, BoundItemRule reserved) {
            return (offset, holder) -> dynamic.test(offset) || reserved.allows(offset, holder);
        }
    }
}
