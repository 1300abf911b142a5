package org.dhcpcluster.lease.v6;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.dhcpcluster.lease.partition.Decision;
import org.dhcpcluster.lease.partition.FloodLimits;
import org.dhcpcluster.lease.partition.PartitionAnswer;
import org.dhcpcluster.lease.partition.PartitionKey;
import org.dhcpcluster.lease.partition.PartitionRequest;
import org.dhcpcluster.lease.partition.PartitionRules;
import org.dhcpcluster.lease.partition.PartitionState;
import org.dhcpcluster.lease.v6.policy.Policy6;
import org.dhcpcluster.lease.v6.policy.Subnet6;
import org.dhcpcluster.lease.v6.space.SliceKey;

/** DHCPv6 over partitions: {@link Decide6} with the policy of the moment. Shared by every v6 partition of a node. */
public final class Rules6 implements PartitionRules {
    private final Supplier<Policy6> policy;
    /** Per (slice, subnet), the items a request of that subnet may be given dynamically. */
    private final Map<String, BitSet> dynamic = new ConcurrentHashMap<>();
    private volatile Policy6 dynamicOf;

    public Rules6(Supplier<Policy6> policy) {
        this.policy = policy;
    }

    @Override
    public PartitionKey key(String id) {
        return SliceKey.parse(id);
    }

    @Override
    public Decision decide(PartitionRequest request, PartitionKey key, PartitionState state, long now) {
        Request6 r = (Request6) request;
        Policy6 p = policy.get();
        Optional<Subnet6> subnet = p.subnet(r.holder().subnetId());
        if (subnet.isEmpty()) {
            return Decision.answer(new Answer6.IaResult(List.of(), Status6.NO_BINDING,
                    "link " + r.holder().subnetId() + " is no longer configured"));
        }
        SliceKey slice = (SliceKey) key;
        return new Decide6(r, slice, state, subnet.get(), p, dynamic(p, slice, subnet.get()), now).decide();
    }

    private BitSet dynamic(Policy6 p, SliceKey slice, Subnet6 subnet) {
        if (p != dynamicOf) {
            dynamic.clear();
            dynamicOf = p;
        }
        return dynamic.computeIfAbsent(slice.sliceId() + "/" + subnet.id(), k -> p.dynamicOffsets(slice, subnet));
    }

    @Override
    public PartitionAnswer copy() {
        return Answer6.COPY;
    }

    @Override
    public long offerHoldMs() {
        return policy.get().offerHold().toMillis();
    }

    @Override
    public FloodLimits floodLimits() {
        return policy.get().floodLimits();
    }
}
