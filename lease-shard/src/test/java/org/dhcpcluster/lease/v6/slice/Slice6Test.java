package org.dhcpcluster.lease.v6.slice;

import static org.dhcpcluster.lease.testing.TestPolicies6.a;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.dhcpcluster.lease.testing.MutableClock;
import org.dhcpcluster.lease.testing.TestPolicies6;
import org.dhcpcluster.lease.v6.policy.Policy6;
import org.dhcpcluster.lease.v6.space.SliceKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The slice entity with Pekko's serialization checks on for commands, events and state. */
class Slice6Test {
    private static final ActorTestKit testKit = ActorTestKit.create(
            EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load()));
    private static final long HOUR = 3_600_000;
    private static final SliceKey KEY = SliceKey.of(a("2001:db8:1::"), 128);

    private final MutableClock clock = MutableClock.startingAt2026();
    private final AtomicReference<Policy6> policy = new AtomicReference<>(TestPolicies6.tiny(4));
    private EventSourcedBehaviorTestKit<Slice6.Command, Slice6.Event, SliceState> slice;

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void start() {
        slice = EventSourcedBehaviorTestKit.create(testKit.system(),
                Slice6.create(PersistenceId.of("Slice6", KEY.entityId()), KEY, policy::get, clock));
        slice.clear();
    }

    private Slice6.OfferResult offer(String holder, int preferred, int start) {
        return slice.<Slice6.OfferResult>runCommand(r -> new Slice6.Offer(holder, preferred, false, start, r)).reply();
    }

    private EventSourcedBehaviorTestKit.CommandResultWithReply<Slice6.Command, Slice6.Event, SliceState, Slice6.BindResult>
            bind(String holder, int offset, long validUntil) {
        return slice.runCommand(r -> new Slice6.Bind(holder, offset, validUntil, false, r));
    }

    private static int offered(Slice6.OfferResult r) {
        return assertInstanceOf(Slice6.Offered.class, r).offset();
    }

    @Test
    void theSearchStartsWhereTheHolderHashPointsAndWrapsAround() {
        assertEquals(0x1002, offered(offer("a", -1, 0x1002)));
        assertEquals(0x1000, offered(offer("b", -1, 0xFFFF)), "past the pool's end the search wraps to its start");
    }

    @Test
    void offersThePreferredItemWhenItIsFree() {
        assertEquals(0x1003, offered(offer("a", 0x1003, 0)));
    }

    @Test
    void anAdvertisedItemIsHeldAgainstOtherLeases() {
        int held = offered(offer("a", 0x1001, 0));
        assertNotEquals(held, offered(offer("b", held, 0)));
        var refused = assertInstanceOf(Slice6.Refused.class, bind("b", held, clock.millis() + HOUR).reply());
        assertEquals(Slice6.Refusal.IN_USE, refused.reason());
    }

    @Test
    void aBindingIsJournaledBeforeItIsConfirmed() {
        var result = bind("a", 0x1001, clock.millis() + HOUR);
        assertInstanceOf(Slice6.Bound.class, result.reply());
        assertEquals(new Slice6.ItemBound(0x1001, "a", clock.millis() + HOUR), result.event());
        assertEquals("a", result.state().slot(0x1001).holder());
    }

    @Test
    void anItemOutsideEveryPoolIsNotAllocatable() {
        var refused = assertInstanceOf(Slice6.Refused.class, bind("a", 0x0fff, clock.millis() + HOUR).reply());
        assertEquals(Slice6.Refusal.NOT_ALLOCATABLE, refused.reason());
    }

    @Test
    void noItemIsEverBoundToTwoHoldersAndAFullSliceSaysSo() {
        Set<Integer> bound = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            int o = offered(offer("h" + i, -1, 0x1000));
            assertInstanceOf(Slice6.Bound.class, bind("h" + i, o, clock.millis() + HOUR).reply());
            assertTrue(bound.add(o));
        }
        assertInstanceOf(Slice6.NoFreeItem.class, offer("late", -1, 0));
    }

    @Test
    void anExpiredBindingIsFreeWithoutASweeper() {
        bind("a", 0x1000, clock.millis() + HOUR);
        clock.advance(java.time.Duration.ofMillis(HOUR + 1));
        assertInstanceOf(Slice6.Bound.class, bind("b", 0x1000, clock.millis() + HOUR).reply());
    }

    @Test
    void aDeclinedItemIsQuarantinedEvenFromItsOwnHolder() {
        bind("a", 0x1000, clock.millis() + HOUR);
        slice.<Slice6.Declined>runCommand(r -> new Slice6.Decline("a", 0x1000, clock.millis() + HOUR, r));
        var refused = assertInstanceOf(Slice6.Refused.class, bind("a", 0x1000, clock.millis() + HOUR).reply());
        assertEquals(Slice6.Refusal.DECLINED, refused.reason());
    }

    @Test
    void aDeclineNamingSomeoneElsesItemChangesNothing() {
        bind("a", 0x1000, clock.millis() + HOUR);
        var result = slice.<Slice6.Declined>runCommand(r -> new Slice6.Decline("b", 0x1000, clock.millis() + HOUR, r));
        assertTrue(result.hasNoEvents());
    }

    @Test
    void aReleasedItemGoesBackToItsHolderFirst() {
        bind("a", 0x1002, clock.millis() + HOUR);
        var released = slice.<Slice6.Released>runCommand(r -> new Slice6.Release("a", 0x1002, r));
        assertTrue(released.reply().wasBound());
        assertEquals(0x1002, offered(offer("a", 0x1002, 0)));
    }

    @Test
    void bindingsSurviveARestartOfTheEntity() {
        bind("a", 0x1001, clock.millis() + HOUR);
        slice.restart();
        var refused = assertInstanceOf(Slice6.Refused.class, bind("b", 0x1001, clock.millis() + HOUR).reply());
        assertEquals(Slice6.Refusal.IN_USE, refused.reason());
    }
}
