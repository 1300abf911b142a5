package org.dhcpcluster.lease.testing;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.dhcpcluster.lease.partition.PartitionDirectory;
import org.dhcpcluster.lease.partition.PartitionEntity;
import org.dhcpcluster.lease.partition.PartitionRules;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.v4.Leases4;
import org.dhcpcluster.lease.v4.Rules4;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v6.Leases6;
import org.dhcpcluster.lease.v6.Rules6;
import org.dhcpcluster.lease.v6.policy.Policy6;

/** A one-node cluster on PostgreSQL running sharded partitions for both families, as a node does. */
public final class PostgresPartitions implements AutoCloseable {
    private final ActorSystem<Void> system;
    private final PartitionDirectory partitions;
    private final Leases4 leases4;
    private final Leases6 leases6;

    public PostgresPartitions(String name, DatabaseSettings db, Supplier<Policy4> policy4, Supplier<Policy6> policy6) {
        this.system = PostgresActorSystems.start(name, db);
        Map<Integer, PartitionRules> rules = new HashMap<>();
        rules.put(4, new Rules4(policy4));
        rules.put(6, new Rules6(policy6));
        PartitionEntity.init(system, rules, Clock.systemUTC());
        this.partitions = PartitionDirectory.sharded(system);
        this.leases4 = new Leases4(partitions, policy4, system.scheduler());
        this.leases6 = new Leases6(partitions, system.scheduler());
    }

    public ActorSystem<Void> system() {
        return system;
    }

    public PartitionDirectory partitions() {
        return partitions;
    }

    public Leases4 leases4() {
        return leases4;
    }

    public Leases6 leases6() {
        return leases6;
    }

    @Override
    public void close() {
        PostgresActorSystems.stop(system);
    }
}
