package org.dhcpcluster.lease.readmodel;

import java.util.Optional;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.dhcpcluster.lease.partition.PartitionEntity;

/**
 * Runs one {@link LeaseProjection} per tag, each exactly once in the cluster: Pekko's sharded
 * daemon process keeps {@link PartitionEntity#TAGS} instances alive, spread over the nodes, and
 * starts an instance elsewhere when its node leaves. Two instances of one tag could overlap only
 * for a moment (a node taken for dead); every read-model write is idempotent, so that is harmless.
 */
public final class ProjectionDaemon {
    static final String NAME = "lease-projection";

    /** What an instance is told: only to stop (its shard moves, or the node leaves). Sent locally by sharding. */
    interface Command {
    }

    private enum Stop implements Command { INSTANCE }

    private ProjectionDaemon() {
    }

    public static void init(ActorSystem<?> system, DataSource db) {
        ShardedDaemonProcess.get(system).init(Command.class, NAME, PartitionEntity.TAGS,
                index -> instance(db, LeaseProjection.tag(index)), ShardedDaemonProcessSettings.create(system),
                Optional.of(Stop.INSTANCE));
    }

    static Behavior<Command> instance(DataSource db, String tag) {
        return Behaviors.setup(context -> {
            UniqueKillSwitch running = LeaseProjection.of(context.getSystem(), db, tag)
                    .viaMat(KillSwitches.single(), Keep.right())
                    .to(Sink.ignore())
                    .run(context.getSystem());
            return Behaviors.receive(Command.class)
                    .onMessage(Stop.class, stop -> Behaviors.stopped())
                    .onSignal(PostStop.class, signal -> {
                        running.shutdown();
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
