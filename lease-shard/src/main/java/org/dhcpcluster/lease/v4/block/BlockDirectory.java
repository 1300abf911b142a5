package org.dhcpcluster.lease.v4.block;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** Where the block that owns an address lives. In production: the sharded entity; in tests: any actor. */
@FunctionalInterface
public interface BlockDirectory {
    RecipientRef<AddressBlock4.Command> blockOf(int address);

    static BlockDirectory sharded(ActorSystem<?> system) {
        ClusterSharding sharding = ClusterSharding.get(system);
        return address -> sharding.entityRefFor(AddressBlock4.TYPE_KEY, AddressBlock4.entityId(address));
    }
}
