package org.dhcpcluster.lease.partition;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** Where a partition lives. In production: the sharded entity; in tests: any actor. */
@FunctionalInterface
public interface PartitionDirectory {
    RecipientRef<PartitionEntity.Command> partition(PartitionKey key);

    static PartitionDirectory sharded(ActorSystem<?> system) {
        ClusterSharding sharding = ClusterSharding.get(system);
        return key -> sharding.entityRefFor(PartitionEntity.TYPE_KEY, key.entityId());
    }
}
