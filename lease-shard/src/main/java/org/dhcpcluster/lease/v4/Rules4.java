package org.dhcpcluster.lease.v4;

import java.util.BitSet;
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
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v4.policy.Subnet4;

/** DHCPv4 over partitions: {@link Decide4} with the policy of the moment. Shared by every v4 partition of a node. */
public final class Rules4 implements PartitionRules {
    private final Supplier<Policy4> policy;
    /** Per (block, subnet), the addresses a request of that subnet may be given dynamically. */
    private final Map<Long, BitSet> dynamic = new ConcurrentHashMap<>();
    private volatile Policy4 dynamicOf;

    public Rules4(Supplier<Policy4> policy) {
        this.policy = policy;
    }

    @Override
    public PartitionKey key(String id) {
        return Block4.parse(id);
    }

    @Override
    public Decision decide(PartitionRequest request, PartitionKey key, PartitionState state, long now) {
        Request4 r = (Request4) request;
        Policy4 p = policy.get();
        Optional<Subnet4> subnet = p.subnet(r.holder().subnetId());
        if (subnet.isEmpty()) {
            return Decision.answer(new Answer4.Silent(Answer4.Silence.UNSUPPORTED,
                    "subnet " + r.holder().subnetId() + " is no longer configured"));
        }
        Block4 block = (Block4) key;
        return new Decide4(r, block, state, subnet.get(), p, dynamic(p, block, subnet.get()), now).decide();
    }

    private BitSet dynamic(Policy4 p, Block4 block, Subnet4 subnet) {
        if (p != dynamicOf) {
            dynamic.clear();
            dynamicOf = p;
        }
        return dynamic.computeIfAbsent(((long) block.base() << 32) | (subnet.id() & 0xFFFF_FFFFL),
                k -> p.dynamicOffsets(block.base(), subnet));
    }

    @Override
    public PartitionAnswer copy() {
        return Answer4.DUPLICATE;
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
