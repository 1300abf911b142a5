package org.dhcpcluster.lease.sharding;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;

/**
 * Sharding settings that passivate an entity after it has been idle for a while, through the
 * passivation-strategy API (the older passivate-idle-entity-after setting is deprecated and
 * logs a warning on every start).
 */
public final class IdlePassivation {
    private IdlePassivation() {
    }

    public static ClusterShardingSettings after(ActorSystem<?> system, Duration idle) {
        ClusterShardingSettings settings = ClusterShardingSettings.create(system);
        return settings.withPassivationStrategy(settings.passivationStrategySettings().withIdleEntityPassivation(idle));
    }
}
