package org.dhcpcluster.lease.v4.block;

import static org.dhcpcluster.lease.testing.TestPolicies.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.dhcpcluster.lease.testing.MutableClock;
import org.dhcpcluster.lease.testing.TestPolicies;
import org.dhcpcluster.lease.v4.policy.AddressRange;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AddressBlock4Test {
    private static final ActorTestKit testKit = ActorTestKit.create(
            EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load()));
    private static final long HOUR = 3_600_000;

    private final MutableClock clock = MutableClock.startingAt2026();
    private final AtomicReference<Policy4> policy = new AtomicReference<>(TestPolicies.lanWithPool("192.0.2.100", "192.0.2.103"));
    private EventSourcedBehaviorTestKit<AddressBlock4.Command, AddressBlock4.Event, BlockState> block;

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void start() {
        block = EventSourcedBehaviorTestKit.create(testKit.system(),
                AddressBlock4.create(PersistenceId.of("Block4", "192.0.2.0"), ip("192.0.2.0"), policy::get, clock));
        block.clear();
    }

    private AddressBlock4.OfferResult offer(String client, int preferred) {
        return block.<AddressBlock4.OfferResult>runCommand(r -> new AddressBlock4.Offer(client, preferred, false, r)).reply();
    }

    private EventSourcedBehaviorTestKit.CommandResultWithReply<AddressBlock4.Command, AddressBlock4.Event, BlockState, AddressBlock4.BindResult>
            bind(String client, String address, long expiresAt) {
        return block.runCommand(r -> new AddressBlock4.Bind(client, ip(address), expiresAt, false, r));
    }

    private int offered(AddressBlock4.OfferResult r) {
        return assertInstanceOf(AddressBlock4.Offered.class, r).address();
    }

    @Test
    void offersThePreferredAddressWhenItIsFree() {
        assertEquals(ip("192.0.2.102"), offered(offer("a", ip("192.0.2.102"))));
    }

    @Test
    void offersTheLowestNeverUsedAddressWithoutAPreference() {
        assertEquals(ip("192.0.2.100"), offered(offer("a", 0)));
    }

    @Test
    void anOfferHoldsTheAddressAgainstOtherClients() {
        int first = offered(offer("a", 0));
        int second = offered(offer("b", first));
        assertNotEquals(first, second, "b must not be offered a's held address");
        assertInstanceOf(AddressBlock4.Refused.class, bind("b", org.dhcpcluster.protocol.v4.Ipv4.format(first), clock.millis() + HOUR).reply());
    }

    @Test
    void anOfferHoldRunsOutAfterTheConfiguredTime() {
        int first = offered(offer("a", 0));
        clock.advance(Duration.ofSeconds(31));
        assertEquals(first, offered(offer("b", first)));
    }

    @Test
    void bindingPersistsTheAddressBeforeReplying() {
        var result = bind("a", "192.0.2.101", clock.millis() + HOUR);
        assertEquals(new AddressBlock4.Bound(ip("192.0.2.101"), clock.millis() + HOUR), result.reply());
        assertEquals(new AddressBlock4.AddressBound(ip("192.0.2.101"), "a", clock.millis() + HOUR), result.event());
        assertEquals("a", result.state().slot(ip("192.0.2.101")).clientKey());
    }

    @Test
    void anAddressBoundToOneClientIsRefusedToAnother() {
        bind("a", "192.0.2.101", clock.millis() + HOUR);
        var result = bind("b", "192.0.2.101", clock.millis() + HOUR);
        assertEquals(new AddressBlock4.Refused(ip("192.0.2.101"), AddressBlock4.Refusal.IN_USE), result.reply());
        assertTrue(result.hasNoEvents());
    }

    @Test
    void theHolderCanExtendItsBinding() {
        bind("a", "192.0.2.101", clock.millis() + HOUR);
        var result = bind("a", "192.0.2.101", clock.millis() + 2 * HOUR);
        assertInstanceOf(AddressBlock4.Bound.class, result.reply());
        assertEquals(clock.millis() + 2 * HOUR, result.state().slot(ip("192.0.2.101")).expiresAt());
    }

    @Test
    void anExpiredBindingFreesTheAddressWithoutAnySweep() {
        bind("a", "192.0.2.101", clock.millis() + HOUR);
        clock.advance(Duration.ofMinutes(61));
        assertInstanceOf(AddressBlock4.Bound.class, bind("b", "192.0.2.101", clock.millis() + HOUR).reply());
    }

    @Test
    void addressesOutsideThePoolsAreNotBindable() {
        var result = bind("a", "192.0.2.50", clock.millis() + HOUR);
        assertEquals(new AddressBlock4.Refused(ip("192.0.2.50"), AddressBlock4.Refusal.NOT_ALLOCATABLE), result.reply());
    }

    @Test
    void afterTheFreshAddressesRunOutTheLongestExpiredIsOfferedFirst() {
        for (String a : List.of("192.0.2.100", "192.0.2.101", "192.0.2.102", "192.0.2.103")) {
            bind("c" + a, a, clock.millis() + HOUR);
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofHours(2));
        assertEquals(ip("192.0.2.100"), offered(offer("new", 0)));
    }

    @Test
    void aFullBlockSaysSo() {
        for (String a : List.of("192.0.2.100", "192.0.2.101", "192.0.2.102", "192.0.2.103")) {
            bind("c" + a, a, clock.millis() + HOUR);
        }
        assertInstanceOf(AddressBlock4.NoFreeAddress.class, offer("new", 0));
    }

    @Test
    void releaseFreesTheAddressForOthersButKeepsItsHolderOnRecord() {
        bind("a", "192.0.2.101", clock.millis() + HOUR);
        var result = block.<AddressBlock4.Released>runCommand(r -> new AddressBlock4.Release("a", ip("192.0.2.101"), r));
        assertEquals(new AddressBlock4.Released(true), result.reply());
        assertInstanceOf(AddressBlock4.AddressReleased.class, result.event());
        assertInstanceOf(AddressBlock4.Bound.class, bind("b", "192.0.2.101", clock.millis() + HOUR).reply());
    }

    @Test
    void onlyTheHolderCanReleaseAnAddress() {
        bind("a", "192.0.2.101", clock.millis() + HOUR);
        var result = block.<AddressBlock4.Released>runCommand(r -> new AddressBlock4.Release("b", ip("192.0.2.101"), r));
        assertEquals(new AddressBlock4.Released(false), result.reply());
        assertTrue(result.hasNoEvents());
    }

    @Test
    void aDeclinedAddressIsQuarantinedForEveryone() {
        bind("a", "192.0.2.100", clock.millis() + HOUR);
        long until = clock.millis() + HOUR;
        block.<AddressBlock4.Declined>runCommand(r -> new AddressBlock4.Decline("a", ip("192.0.2.100"), until, r));
        assertEquals(new AddressBlock4.Refused(ip("192.0.2.100"), AddressBlock4.Refusal.DECLINED),
                bind("a", "192.0.2.100", clock.millis() + HOUR).reply());
        assertNotEquals(ip("192.0.2.100"), offered(offer("b", ip("192.0.2.100"))));
        clock.advance(Duration.ofMinutes(61));
        assertInstanceOf(AddressBlock4.Bound.class, bind("b", "192.0.2.100", clock.millis() + HOUR).reply());
    }

    @Test
    void aClientCannotQuarantineAnotherClientsAddress() {
        bind("a", "192.0.2.100", clock.millis() + HOUR);
        var result = block.<AddressBlock4.Declined>runCommand(r -> new AddressBlock4.Decline("b", ip("192.0.2.100"), clock.millis() + HOUR, r));
        assertTrue(result.hasNoEvents());
        assertInstanceOf(AddressBlock4.Bound.class, bind("a", "192.0.2.100", clock.millis() + HOUR).reply());
    }

    @Test
    void bindingsSurviveARestart() {
        bind("a", "192.0.2.101", clock.millis() + HOUR);
        block.restart();
        assertEquals(new AddressBlock4.Refused(ip("192.0.2.101"), AddressBlock4.Refusal.IN_USE),
                bind("b", "192.0.2.101", clock.millis() + HOUR).reply());
    }

    @Test
    void aReservedAddressIsNeverOfferedDynamicallyButIsBindableByItsOwner() {
        var reservation = TestPolicies.reserveMac("02:00:00:00:00:01", "192.0.2.100");
        policy.set(TestPolicies.policy(TestPolicies.subnet(1, "192.0.2.0/24",
                List.of(new AddressRange(ip("192.0.2.100"), ip("192.0.2.101"))),
                Map.of("02:00:00:00:00:01", reservation), Map.of(), false)));
        assertEquals(ip("192.0.2.101"), offered(offer("other", 0)));
        assertEquals(new AddressBlock4.Refused(ip("192.0.2.100"), AddressBlock4.Refusal.NOT_ALLOCATABLE),
                bind("other", "192.0.2.100", clock.millis() + HOUR).reply());
        var owner = block.<AddressBlock4.BindResult>runCommand(r -> new AddressBlock4.Bind("owner", ip("192.0.2.100"), clock.millis() + HOUR, true, r));
        assertInstanceOf(AddressBlock4.Bound.class, owner.reply());
    }
}
