package org.dhcpcluster.lease.partition;

import static org.dhcpcluster.lease.testing.TestPolicies.SERVICE_ADDRESS;
import static org.dhcpcluster.lease.testing.TestPolicies.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.persistence.testkit.ProcessingSuccess$;
import org.apache.pekko.persistence.testkit.WriteEvents;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.MutableClock;
import org.dhcpcluster.lease.testing.TestPartitions;
import org.dhcpcluster.lease.testing.TestPolicies;
import org.dhcpcluster.lease.v4.Answer4;
import org.dhcpcluster.lease.v4.Block4;
import org.dhcpcluster.lease.v4.ClientKey4;
import org.dhcpcluster.lease.v4.Request4;
import org.dhcpcluster.lease.v4.Rules4;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The entity shell: batched writes, replies after the write, the hand-over at a shard move, recovery. */
class PartitionEntityTest {
    private static final ActorTestKit testKit = TestPartitions.newTestKit();
    private static final Block4 LAN = Block4.of(ip("192.0.2.0"));
    private static final String PID = "Partition|" + LAN.entityId();

    private final MutableClock clock = MutableClock.startingAt2026();
    private final AtomicReference<Policy4> policy = new AtomicReference<>(TestPolicies.lan());
    private final TestPartitions partitions = new TestPartitions(testKit, Map.of(4, new Rules4(policy::get)), clock);

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @AfterEach
    void clear() {
        partitions.clear();
    }

    private static Holder holder(int n) {
        return new Holder(1, ClientKey4.of(new ClientMessages4(n).discover()));
    }

    private Request4 discover(int n, int xid, long receivedAt) {
        return new Request4(holder(n), xid, DhcpMessageType.DISCOVER.code(), 0, receivedAt, Request4.Find.ANY, 0, false, -1,
                new ClientMessages4(n).mac(), null, 0);
    }

    private Request4 select(int n, int xid, int address, long receivedAt) {
        return new Request4(holder(n), xid, DhcpMessageType.REQUEST.code(), 0, receivedAt, Request4.Find.ANY, address, true, -1,
                new ClientMessages4(n).mac(), null, 0);
    }

    private PartitionAnswer ask(Request4 r) {
        TestProbe<PartitionAnswer> probe = testKit.createTestProbe();
        partitions.partition(LAN).tell(new PartitionEntity.Handle(r, probe.ref()));
        return probe.receiveMessage();
    }

    @Test
    void requestsArrivingDuringAWriteGoToTheJournalTogetherAndEachIsAnsweredAfterIt() {
        List<Integer> offered = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            offered.add(assertInstanceOf(Answer4.Offer.class, ask(discover(n, 1000 + n, clock.millis()))).address());
        }
        assertEquals(50, new HashSet<>(offered).size());
        AtomicInteger writes = new AtomicInteger();
        partitions.journal().withPolicy((persistenceId, operation) -> {
            if (operation instanceof WriteEvents) {
                writes.incrementAndGet();
            }
            return ProcessingSuccess$.MODULE$;
        });
        ActorRef<PartitionEntity.Command> partition = partitions.partition(LAN);
        TestProbe<PartitionAnswer> probe = testKit.createTestProbe();
        for (int n = 0; n < 50; n++) {
            partition.tell(new PartitionEntity.Handle(select(n, 2000 + n, offered.get(n), clock.millis()), probe.ref()));
        }
        Set<Integer> acked = new HashSet<>();
        for (int n = 0; n < 50; n++) {
            acked.add(assertInstanceOf(Answer4.Ack.class, probe.receiveMessage()).address());
        }
        assertEquals(new HashSet<>(offered), acked);
        assertEquals(50, partitions.journal().persistedInStorage(PID).size(), "one event per binding");
        partitions.journal().resetPolicy();
        // Fewer writes than bindings: the REQUESTs queued behind the first write were written together.
        assertTrue(writes.get() < 25, "50 bindings took " + writes.get() + " writes");
    }

    @Test
    void anOfferOutstandingAtAShardMoveIsStillHeldByTheNextIncarnation() {
        policy.set(TestPolicies.lanWithPool("192.0.2.100", "192.0.2.101"));
        int first = assertInstanceOf(Answer4.Offer.class, ask(discover(1, 11, clock.millis()))).address();
        partitions.stopAll();
        assertInstanceOf(PartitionEvent.HandedOver.class, partitions.journal().persistedInStorage(PID).get(0));
        int second = assertInstanceOf(Answer4.Offer.class, ask(discover(2, 12, clock.millis()))).address();
        assertTrue(first != second, "the address offered before the move was offered again after it");
        assertInstanceOf(Answer4.Ack.class, ask(select(1, 13, first, clock.millis())));
    }

    @Test
    void aCopyHeldUpByAShardMoveIsStillRecognisedByTheNextIncarnation() {
        long received = clock.millis();
        int offered = assertInstanceOf(Answer4.Offer.class, ask(discover(3, 21, received))).address();
        assertInstanceOf(Answer4.Ack.class, ask(select(3, 22, offered, received)));
        partitions.stopAll();
        clock.advance(Duration.ofSeconds(6));
        // The copy a second node received at the same moment reaches the new incarnation seconds later.
        assertEquals(Answer4.DUPLICATE, ask(select(3, 22, offered, received + 2)));
    }

    @Test
    void aPartitionStoppedLongAfterItsLastExchangeWritesNothingOnStop() {
        int offered = assertInstanceOf(Answer4.Offer.class, ask(discover(4, 31, clock.millis()))).address();
        assertInstanceOf(Answer4.Ack.class, ask(select(4, 32, offered, clock.millis())));
        clock.advance(Duration.ofMinutes(5));
        partitions.stopAll();
        assertEquals(1, partitions.journal().persistedInStorage(PID).size());
    }

    @Test
    void bindingsSurviveARestartThroughTheSnapshotAndTheEventsAfterIt() {
        policy.set(TestPolicies.lanWithPool("192.0.2.10", "192.0.2.209"));
        int bindings = PartitionEntity.SNAPSHOT_EVERY + 40;
        List<Integer> addresses = new ArrayList<>();
        for (int n = 0; n < 200; n++) {
            int a = assertInstanceOf(Answer4.Offer.class, ask(discover(n, n, clock.millis()))).address();
            addresses.add(assertInstanceOf(Answer4.Ack.class, ask(select(n, 10_000 + n, a, clock.millis()))).address());
        }
        for (int i = 200; i < bindings; i++) {
            int n = i % 200;
            clock.advance(Duration.ofMillis(10));
            assertInstanceOf(Answer4.Ack.class, ask(select(n, 20_000 + i, addresses.get(n), clock.millis())));
        }
        assertTrue(partitions.journal().persistedInStorage(PID).size() >= bindings);
        partitions.stopAll();
        clock.advance(Duration.ofSeconds(30));
        for (int n = 0; n < 200; n++) {
            Request4 renew = new Request4(holder(n), 90_000 + n, DhcpMessageType.REQUEST.code(), 0, clock.millis(), Request4.Find.ANY,
                    addresses.get(n), false, -1, new ClientMessages4(n).mac(), null, 0);
            assertEquals(addresses.get(n), assertInstanceOf(Answer4.Ack.class, ask(renew)).address(), "client " + n);
        }
        assertInstanceOf(Answer4.Elsewhere.class, ask(discover(999, 1, clock.millis())), "the pool is full after the restart too");
    }
}
