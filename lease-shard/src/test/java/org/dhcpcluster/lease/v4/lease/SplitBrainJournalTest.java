package org.dhcpcluster.lease.v4.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
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

/**
 * The worst case the split-brain resolver exists to prevent, forced: two clusters that each
 * believe they own every shard, journaling to the same PostgreSQL. Both run the same address
 * block (same persistence id) at once and race clients for the same addresses.
 *
 * <p>No address may end up bound to two clients. What guarantees it is the journal's primary key
 * (persistence id, sequence number): an incarnation that did not see the other's last event
 * writes a sequence number that is already taken, its write fails, it stops without answering,
 * and it recovers the other's events when next asked. So the invariant does not depend on the
 * resolver's timing, only availability does.
 */
class SplitBrainJournalTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int CLIENTS_PER_SIDE = 30;
    private final Supplier<Policy4> policy = TestPolicies::lan;

    private ActorSystem<Void> side(String name, DatabaseSettings db) {
        ActorSystem<Void> system = PostgresActorSystems.start(name, db);
        AddressBlock4.init(system, policy, Clock.systemUTC());
        Lease4Entity.init(system, policy, Clock.systemUTC());
        return system;
    }

    private static Optional<DhcpV4Message> handle(ActorSystem<?> system, DhcpV4Message m) {
        String id = ClientKey4.entityId(TestPolicies.SUBNET_ID, ClientKey4.of(m));
        try {
            Reply4 r = ClusterSharding.get(system).entityRefFor(Lease4Entity.TYPE_KEY, id)
                    .<Reply4>ask(replyTo -> new Lease4Entity.Handle(m, TestPolicies.SUBNET_ID,
                            TestPolicies.ip(TestPolicies.SERVICE_ADDRESS), replyTo), TIMEOUT)
                    .toCompletableFuture().join();
            return r instanceof Reply4.Answer a ? Optional.of(a.message()) : Optional.empty();
        } catch (RuntimeException timedOutOrFailed) {
            return Optional.empty();
        }
    }

    /** DISCOVER then REQUEST, retried as a client would; the address if ACKed. */
    private static Optional<Integer> lease(ActorSystem<?> system, ClientMessages4 client) {
        ClientMessages4 transaction = client;
        for (int attempt = 0; attempt < 4; attempt++) {
            transaction = transaction.newTransaction();
            Optional<DhcpV4Message> offer = handle(system, transaction.discover());
            if (offer.isEmpty() || offer.get().messageType().orElseThrow() != DhcpMessageType.OFFER) {
                continue;
            }
            int offered = Ipv4.toInt(offer.get().yiaddr());
            Optional<DhcpV4Message> ack = handle(system, transaction.requestSelecting(TestPolicies.SERVICE_ADDRESS, offered));
            if (ack.isPresent() && ack.get().messageType().orElseThrow() == DhcpMessageType.ACK) {
                return Optional.of(Ipv4.toInt(ack.get().yiaddr()));
            }
        }
        return Optional.empty();
    }

    @Test
    void twoIncarnationsOfOneBlockNeverBindAnAddressTwice() throws Exception {
        DatabaseSettings db = EmbeddedPostgresFixture.freshDatabase();
        ActorSystem<Void> left = side("left", db);
        ActorSystem<Void> right = side("right", db);
        Map<String, Integer> acked = new ConcurrentHashMap<>();
        try {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int i = 0; i < CLIENTS_PER_SIDE; i++) {
                for (ActorSystem<Void> side : List.of(left, right)) {
                    int n = (side == left ? 10_000 : 20_000) + i;
                    runs.add(CompletableFuture.runAsync(() -> lease(side, new ClientMessages4(n))
                            .ifPresent(address -> acked.put(side.name() + "/client-" + n, address))));
                }
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();

            Map<Integer, List<String>> clientsPerAddress = acked.entrySet().stream()
                    .collect(Collectors.groupingBy(Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
            clientsPerAddress.forEach((address, clients) ->
                    assertEquals(1, clients.size(), Ipv4.format(address) + " was ACKed to " + clients));

            List<LeaseJournal4.Binding> journal = new LeaseJournal4(left).bindings(System.currentTimeMillis()).toCompletableFuture().get();
            Map<Integer, Long> boundPerAddress = journal.stream().filter(b -> b.state().equals("bound"))
                    .collect(Collectors.groupingBy(LeaseJournal4.Binding::address, Collectors.counting()));
            boundPerAddress.forEach((address, n) -> assertEquals(1L, n, Ipv4.format(address) + " bound " + n + " times in the journal"));
            for (int address : acked.values()) {
                assertTrue(boundPerAddress.containsKey(address), Ipv4.format(address) + " was ACKed but is not bound in the journal");
            }
            System.out.printf("split brain: %d of %d clients ACKed, %d addresses bound, none twice%n",
                    acked.size(), 2 * CLIENTS_PER_SIDE, boundPerAddress.size());
        } finally {
            PostgresActorSystems.stop(left);
            PostgresActorSystems.stop(right);
        }
    }
}
