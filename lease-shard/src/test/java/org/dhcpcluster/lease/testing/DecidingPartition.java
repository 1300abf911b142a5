package org.dhcpcluster.lease.testing;

import org.dhcpcluster.lease.partition.Decision;
import org.dhcpcluster.lease.partition.PartitionAnswer;
import org.dhcpcluster.lease.partition.PartitionKey;
import org.dhcpcluster.lease.partition.PartitionRequest;
import org.dhcpcluster.lease.partition.PartitionRules;
import org.dhcpcluster.lease.partition.PartitionState;

/**
 * A partition without an actor or a journal: each message is decided by the family's pure rules
 * and the decision taken by the state as {@code PartitionEntity} takes it (the client's hold
 * let go or made, the events applied), so tests of the decisions see what the next message would
 * see.
 */
public final class DecidingPartition {
    private final PartitionRules rules;
    private final PartitionKey key;
    private final PartitionState state;

    public DecidingPartition(PartitionRules rules, PartitionKey key) {
        this(rules, key, new PartitionState(key.size()));
    }

    /** Goes on from {@code state}, e.g. one restored from a snapshot. */
    public DecidingPartition(PartitionRules rules, PartitionKey key, PartitionState state) {
        this.rules = rules;
        this.key = key;
        this.state = state;
    }

    public PartitionState state() {
        return state;
    }

    public Decision decide(PartitionRequest r, long now) {
        state.holds().expire(now);
        state.declines().expire(now, rules.floodLimits().declineWindow().toMillis());
        Decision d = rules.decide(r, key, state, now);
        // Applied ahead of a write that never comes: the state's pending batch just grows.
        state.take(d, r.holder());
        return d;
    }

    public PartitionAnswer answer(PartitionRequest r, long now) {
        return decide(r, now).answer();
    }
}
