package org.dhcpcluster.lease.v4.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.dhcpcluster.lease.testing.TestPolicies.ip;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.dhcpcluster.lease.testing.MutableClock;
import org.dhcpcluster.lease.testing.TestPolicies;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A block stopped by sharding (its shard moves) hands its outstanding offers to its next
 * incarnation: otherwise the new one could offer a just-offered address to another client, and
 * the first client's REQUEST for it would be refused (NAK).
 */
class AddressBlock4StopTest {
    private static final ActorTestKit testKit = ActorTestKit.create(
            EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load()));
    private static final PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
    private static int generation;

    private final MutableClock clock = MutableClock.startingAt2026();
    private final AtomicReference<Policy4> policy = new AtomicReference<>(TestPolicies.lanWithPool("192.0.2.100", "192.0.2.103"));

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private ActorRef<AddressBlock4.Command> incarnation(PersistenceId id) {
        return testKit.spawn(AddressBlock4.create(id, ip("192.0.2.0"), policy::get, clock));
    }

    private static int offer(ActorRef<AddressBlock4.Command> block, String client) {
        TestProbe<AddressBlock4.OfferResult> probe = testKit.createTestProbe();
        block.tell(new AddressBlock4.Offer(client, 0, false, probe.getRef()));
        return assertInstanceOf(AddressBlock4.Offered.class, probe.receiveMessage(Duration.ofSeconds(5))).address();
    }

    private static void stop(ActorRef<AddressBlock4.Command> block) {
        TestProbe<Object> watcher = testKit.createTestProbe();
        block.tell(AddressBlock4.STOP);
        watcher.expectTerminated(block, Duration.ofSeconds(5));
    }

    @Test
    void offersOutstandingWhenTheBlockMovesAreStillHeldAfterIt() {
        PersistenceId id = PersistenceId.of("Block4", "stop-" + ++generation);
        ActorRef<AddressBlock4.Command> first = incarnation(id);
        int offeredToA = offer(first, "a");
        stop(first);

        ActorRef<AddressBlock4.Command> second = incarnation(id);
        assertNotEquals(offeredToA, offer(second, "b"), "a's offer is held across the move");
        TestProbe<AddressBlock4.BindResult> probe = testKit.createTestProbe();
        second.tell(new AddressBlock4.Bind("a", offeredToA, clock.millis() + 3_600_000, false, probe.getRef()));
        assertInstanceOf(AddressBlock4.Bound.class, probe.receiveMessage(Duration.ofSeconds(5)));
    }

    @Test
    void aBlockWithoutOutstandingOffersStopsWithoutWriting() {
        PersistenceId id = PersistenceId.of("Block4", "stop-" + ++generation);
        ActorRef<AddressBlock4.Command> block = incarnation(id);
        offer(block, "a");
        clock.advance(Duration.ofMinutes(5));  // the hold has run out
        stop(block);
        assertTrue(journal.persistedInStorage(id.id()).isEmpty(), "an idle block's move costs no write");
    }
}
