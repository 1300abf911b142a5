package org.dhcpcluster.lease.v6.slice;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.dhcpcluster.lease.v6.space.SliceKey;

/** Where the slice that owns an item lives. In production: the sharded entity; in tests: any actor. */
@FunctionalInterface
public interface SliceDirectory {
    RecipientRef<Slice6.Command> sliceOf(SliceKey key);

    static SliceDirectory sharded(ActorSystem<?> system) {
        ClusterSharding sharding = ClusterSharding.get(system);
        return key -> sharding.entityRefFor(Slice6.TYPE_KEY, key.entityId());
    }
}
