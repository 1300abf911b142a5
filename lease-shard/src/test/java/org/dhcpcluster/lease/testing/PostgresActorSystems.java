package org.dhcpcluster.lease.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.dhcpcluster.lease.persistence.DatabaseSettings;

/**
 * One-node Pekko clusters journaling to a real PostgreSQL database, as the node runs them:
 * Kryo serialization, pekko-persistence-jdbc, Cluster Sharding.
 */
public final class PostgresActorSystems {
    private PostgresActorSystems() {
    }

    public static Config config(DatabaseSettings db) {
        return ConfigFactory.parseMap(Map.of(
                        "pekko.actor.provider", "cluster",
                        "pekko.remote.artery.canonical.hostname", "127.0.0.1",
                        "pekko.remote.artery.canonical.port", 0,
                        "pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on",
                        "pekko.loglevel", "WARNING",
                        "dhcp.database.url", db.url(),
                        "dhcp.database.user", db.user(),
                        "dhcp.database.password", db.password(),
                        "dhcp.database.pool-size", db.poolSize()))
                .withFallback(ConfigFactory.parseResources("dhcp-persistence.conf"))
                .withFallback(ConfigFactory.load())
                .resolve();
    }

    /** Starts a system, applies the schema, joins itself, and waits until it is an Up member. */
    public static ActorSystem<Void> start(String name, DatabaseSettings db) {
        db.verifyAndPrepare();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), name, config(db));
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (cluster.selfMember().status() != MemberStatus.up()) {
            if (System.nanoTime() > deadline) {
                system.terminate();
                throw new IllegalStateException("test cluster did not come up");
            }
            Thread.onSpinWait();
        }
        return system;
    }

    public static void stop(ActorSystem<?> system) {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }
}
