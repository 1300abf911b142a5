package org.dhcpcluster.lease.partition;

import static org.dhcpcluster.lease.testing.TestPolicies.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
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

/**
 * Asking a partition again when the first ask was lost on its way (a shard region drops what it
 * buffered for a moving shard), without a second decision when it was not.
 */
class PartitionAskTest {
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

    private Request4 discover(int n) {
        return new Request4(new Holder(1, ClientKey4.of(new ClientMessages4(n).discover())), 7000 + n, DhcpMessageType.DISCOVER.code(),
                0, clock.millis(), Request4.Find.ANY, 0, false, -1, new ClientMessages4(n).mac(), null, 0);
    }

    private Request4 select(int n, int address) {
        return new Request4(new Holder(1, ClientKey4.of(new ClientMessages4(n).discover())), 8000 + n, DhcpMessageType.REQUEST.code(),
                0, clock.millis(), Request4.Find.ANY, address, true, -1, new ClientMessages4(n).mac(), null, 0);
    }

    /**
     * Stands in front of the real partition: drops the first {@code drop} messages, and holds up
     * the answer to the first one it passes by {@code firstAnswerDelay}.
     */
    private ActorRef<PartitionEntity.Command> front(int drop, Duration firstAnswerDelay) {
        ActorRef<PartitionEntity.Command> partition = partitions.partition(LAN);
        AtomicInteger seen = new AtomicInteger();
        Behavior<PartitionEntity.Command> b = Behaviors.receive((ctx, m) -> {
            int n = seen.incrementAndGet();
            if (n <= drop) {
                return Behaviors.same();
            }
            if (n == 1 && !firstAnswerDelay.isZero() && m instanceof PartitionEntity.Handle h) {
                ActorRef<PartitionAnswer> late = ctx.spawnAnonymous(Behaviors.<PartitionAnswer>receive((c, answer) -> {
                    c.scheduleOnce(firstAnswerDelay, h.replyTo(), answer);
                    return Behaviors.same();
                }));
                partition.tell(new PartitionEntity.Handle(h.request(), late));
            } else {
                partition.tell(m);
            }
            return Behaviors.same();
        });
        return testKit.spawn(b);
    }

    private PartitionAnswer ask(ActorRef<PartitionEntity.Command> to, Request4 r) throws Exception {
        return PartitionAsk.ask(to, r, testKit.scheduler()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRenewalLostOnItsWayToThePartitionIsAnsweredByTheSecondAsk() throws Exception {
        int address = assertInstanceOf(Answer4.Offer.class, ask(partitions.partition(LAN), discover(1))).address();
        Request4 renewal = select(1, address);
        assertInstanceOf(Answer4.Ack.class, ask(front(1, Duration.ZERO), renewal));
        assertEquals(1, partitions.journal().persistedInStorage(PID).size(), "one binding written");
    }

    @Test
    void aSlowAnswerToTheFirstAskWinsOverTheCopyTheSecondAskGets() throws Exception {
        // The first ask was decided; its answer is late, so the edge asks again, and the partition
        // knows that transmission: one decision, and the answer is the offer, not "copy".
        Request4 d = discover(2);
        PartitionAnswer a = ask(front(0, PartitionAsk.ASK_AGAIN_AFTER.plusMillis(600)), d);
        assertInstanceOf(Answer4.Offer.class, a);
        assertTrue(ask(partitions.partition(LAN), d).copy(), "the transmission is known to the partition, decided once");
    }

    @Test
    void aCopyOfAMessageAnsweredThroughAnotherNodeStaysACopy() throws Exception {
        Request4 d = discover(3);
        assertInstanceOf(Answer4.Offer.class, ask(partitions.partition(LAN), d));
        assertTrue(ask(partitions.partition(LAN), d).copy());
    }

    @Test
    void aPartitionThatNeverAnswersFailsTheAskWithinTheTimeout() {
        ActorRef<PartitionEntity.Command> silent = front(Integer.MAX_VALUE, Duration.ZERO);
        ExecutionException e = assertThrows(ExecutionException.class, () -> ask(silent, discover(4)));
        assertInstanceOf(java.util.concurrent.TimeoutException.class, e.getCause());
    }
}
