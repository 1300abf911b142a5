package org.dhcpcluster.lease.v4.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.persistence.LeaseJournal4;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.dhcpcluster.lease.testing.PostgresActorSystems;
import org.dhcpcluster.lease.testing.TestPolicies;
import org.dhcpcluster.lease.v4.block.AddressBlock4;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.junit.jupiter.api.Test;

/** Lease and block entities in Cluster Sharding, journaling to PostgreSQL, across a restart. */
class ShardedLeasesOnPostgresTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private final Supplier<Policy4> policy = TestPolicies::lan;

    private static Reply4 handle(ActorSystem<?> system, DhcpV4Message m) {
        String id = ClientKey4.entityId(TestPolicies.SUBNET_ID, ClientKey4.of(m));
        return ClusterSharding.get(system).entityRefFor(Lease4Entity.TYPE_KEY, id)
                .<Reply4>ask(r -> new Lease4Entity.Handle(m, TestPolicies.SUBNET_ID, TestPolicies.ip(TestPolicies.SERVICE_ADDRESS), r), TIMEOUT)
                .toCompletableFuture().join();
    }

    private static DhcpV4Message answer(Reply4 r) {
        return assertInstanceOf(Reply4.Answer.class, r).message();
    }

    private ActorSystem<Void> start(DatabaseSettings db) {
        ActorSystem<Void> system = PostgresActorSystems.start("leases", db);
        AddressBlock4.init(system, policy, Clock.systemUTC());
        Lease4Entity.init(system, policy, Clock.systemUTC());
        return system;
    }

    @Test
    void bindingsJournaledInPostgresSurviveARestartOfTheWholeSystem() throws Exception {
        DatabaseSettings db = EmbeddedPostgresFixture.freshDatabase();
        ActorSystem<Void> system = start(db);
        Map<ClientMessages4, Integer> granted = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            ClientMessages4 c = new ClientMessages4(9000 + i);
            int offered = Ipv4.toInt(answer(handle(system, c.discover())).yiaddr());
            DhcpV4Message ack = answer(handle(system, c.requestSelecting(TestPolicies.SERVICE_ADDRESS, offered)));
            assertEquals(DhcpMessageType.ACK, ack.messageType().orElseThrow());
            granted.put(c, offered);
        }
        assertEquals(20, granted.values().stream().distinct().count());
        PostgresActorSystems.stop(system);

        system = start(db);
        try {
            List<LeaseJournal4.Binding> journal = new LeaseJournal4(system).bindings(System.currentTimeMillis())
                    .toCompletableFuture().get();
            assertEquals(20, journal.stream().filter(b -> b.state().equals("bound")).count());
            for (var e : granted.entrySet()) {
                DhcpV4Message ack = answer(handle(system, e.getKey().newTransaction().requestRenewing(Ipv4.format(e.getValue()))));
                assertEquals(DhcpMessageType.ACK, ack.messageType().orElseThrow());
                assertEquals(e.getValue().intValue(), Ipv4.toInt(ack.yiaddr()));
            }
            ClientMessages4 stranger = new ClientMessages4(9999);
            int taken = granted.values().iterator().next();
            DhcpV4Message offer = answer(handle(system, stranger.discoverRequesting(Ipv4.format(taken))));
            assertNotEquals(taken, Ipv4.toInt(offer.yiaddr()), "an address bound before the restart is not offered to another client");
        } finally {
            PostgresActorSystems.stop(system);
        }
    }
}
