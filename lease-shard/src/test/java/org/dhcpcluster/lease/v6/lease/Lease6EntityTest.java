package org.dhcpcluster.lease.v6.lease;

import static org.dhcpcluster.lease.testing.TestPolicies6.a;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.dhcpcluster.lease.testing.MutableClock;
import org.dhcpcluster.lease.testing.TestPolicies6;
import org.dhcpcluster.lease.v6.lease.IaReply.Granted6;
import org.dhcpcluster.lease.v6.lease.IaReply.IaAnswer;
import org.dhcpcluster.lease.v6.lease.IaReply.Repeat;
import org.dhcpcluster.lease.v6.policy.Policy6;
import org.dhcpcluster.lease.v6.slice.Slice6;
import org.dhcpcluster.lease.v6.slice.SliceDirectory;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.lease.v6.space.SliceKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The v6 lease entity against real slice actors (in-memory journal), with Pekko's
 * serialization checks on for every command, event and state.
 */
class Lease6EntityTest {
    private static final ActorTestKit testKit = ActorTestKit.create(
            EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load()));
    private static int generation;

    private final MutableClock clock = MutableClock.startingAt2026();
    private final AtomicReference<Policy6> policy = new AtomicReference<>(TestPolicies6.lan());
    private final Map<SliceKey, ActorRef<Slice6.Command>> slices = new HashMap<>();
    private final SliceDirectory directory = key -> slices.computeIfAbsent(key, k ->
            testKit.spawn(Slice6.create(PersistenceId.of("Slice6", "g" + generation + "-" + k.entityId()), k, policy::get, clock)));
    private int xid = 1;

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @AfterEach
    void freshSlicesNextTime() {
        generation++;
        slices.values().forEach(testKit::stop);
    }

    private EventSourcedBehaviorTestKit<Lease6Entity.Command, Lease6Entity.Event, Lease6State> lease(String duid, IaType type, long iaid) {
        var kit = EventSourcedBehaviorTestKit.<Lease6Entity.Command, Lease6Entity.Event, Lease6State>create(testKit.system(),
                Lease6Entity.create(new IaKey(TestPolicies6.SUBNET_ID, duid + String.format("%02x", generation % 256), type, iaid),
                        policy::get, clock, directory));
        kit.clear();
        return kit;
    }

    private EventSourcedBehaviorTestKit.CommandResultWithReply<Lease6Entity.Command, Lease6Entity.Event, Lease6State, IaReply> send(
            EventSourcedBehaviorTestKit<Lease6Entity.Command, Lease6Entity.Event, Lease6State> kit, Kind6 kind, int elapsed,
            boolean commit, Hint6... hints) {
        return kit.runCommand(r -> new Lease6Entity.HandleIa(kind, xid, elapsed, List.of(hints), commit, "veth0", r));
    }

    private EventSourcedBehaviorTestKit.CommandResultWithReply<Lease6Entity.Command, Lease6Entity.Event, Lease6State, IaReply> next(
            EventSourcedBehaviorTestKit<Lease6Entity.Command, Lease6Entity.Event, Lease6State> kit, Kind6 kind, Hint6... hints) {
        xid++;
        return send(kit, kind, 0, false, hints);
    }

    private static IaAnswer answer(IaReply r) {
        return assertInstanceOf(IaAnswer.class, r);
    }

    private static Granted6 only(IaReply r) {
        IaAnswer a = answer(r);
        assertEquals(Status6.SUCCESS, a.status(), a.message());
        assertEquals(1, a.items().size(), a.items().toString());
        return a.items().get(0);
    }

    /** SOLICIT then REQUEST; returns what was bound. */
    private Granted6 solicitAndRequest(EventSourcedBehaviorTestKit<Lease6Entity.Command, Lease6Entity.Event, Lease6State> kit) {
        Granted6 advertised = only(next(kit, Kind6.SOLICIT).reply());
        Granted6 bound = only(next(kit, Kind6.REQUEST, new Hint6(advertised.item(), advertised.length())).reply());
        assertEquals(advertised.item(), bound.item());
        return bound;
    }

    private static Hint6 hint(Granted6 g) {
        return new Hint6(g.item(), g.length());
    }

    @Test
    void solicitAdvertisesAPoolAddressWithoutWritingAnything() {
        var kit = lease("0003000102000000000a", IaType.NA, 1);
        var result = next(kit, Kind6.SOLICIT);
        Granted6 g = only(result.reply());
        assertTrue(policy.get().subnet(1).orElseThrow().inPool(g.item(), false));
        assertEquals(3000, g.preferredLifetime());
        assertEquals(4000, g.validLifetime());
        assertTrue(result.hasNoEvents(), "an advertisement is not a binding");
    }

    @Test
    void requestBindsTheAdvertisedAddressOnceItIsJournaled() {
        var kit = lease("0003000102000000000b", IaType.NA, 7);
        Granted6 advertised = only(next(kit, Kind6.SOLICIT).reply());
        var result = next(kit, Kind6.REQUEST, hint(advertised));
        assertEquals(advertised.item(), only(result.reply()).item());
        var bound = assertInstanceOf(Lease6Entity.IaBound.class, result.event());
        assertEquals(clock.millis() + 4_000_000, bound.validUntil());
        assertEquals(clock.millis() + 3_000_000, bound.preferredUntil());
        assertEquals("veth0", bound.via());
        assertEquals(1, result.state().validAt(clock.millis()).size());
    }

    @Test
    void rapidCommitBindsOnTheSolicit() {
        var kit = lease("0003000102000000000c", IaType.NA, 1);
        xid++;
        var result = send(kit, Kind6.SOLICIT, 0, true);
        only(result.reply());
        assertInstanceOf(Lease6Entity.IaBound.class, result.event());
    }

    @Test
    void prefixDelegationHandsOutA56FromThePdPool() {
        var kit = lease("0003000102000000000d", IaType.PD, 1);
        Granted6 p = solicitAndRequest(kit);
        assertEquals(56, p.length());
        assertTrue(p.item().isIn(a("2001:db8:100::"), 40));
        assertEquals(p.item(), p.item().clearLow(72));
    }

    @Test
    void theSameDuidAndIaidGetTheSameAddressBackAfterReleasing() {
        var kit = lease("0003000102000000000e", IaType.NA, 3);
        Granted6 first = solicitAndRequest(kit);
        var released = next(kit, Kind6.RELEASE, hint(first));
        assertEquals(Status6.SUCCESS, answer(released.reply()).status());
        assertInstanceOf(Lease6Entity.IaReleased.class, released.event());
        assertEquals(first.item(), solicitAndRequest(kit).item());
    }

    @Test
    void aRequestFromABoundIaExtendsWhatItHolds() {
        var kit = lease("0003000102000000000f", IaType.NA, 1);
        Granted6 first = solicitAndRequest(kit);
        clock.advance(Duration.ofSeconds(100));
        var result = next(kit, Kind6.REQUEST);
        assertEquals(first.item(), only(result.reply()).item());
        assertInstanceOf(Lease6Entity.IaExtended.class, result.event());
    }

    @Test
    void renewExtendsTheBindingAndWithdrawsAddressesThatAreNotTheClients() {
        var kit = lease("00030001020000000010", IaType.NA, 1);
        Granted6 bound = solicitAndRequest(kit);
        clock.advance(Duration.ofSeconds(1000));
        Address128 foreign = a("2001:db8:1::1fff");
        var result = next(kit, Kind6.RENEW, hint(bound), new Hint6(foreign, 128));
        IaAnswer renewed = answer(result.reply());
        assertEquals(Status6.SUCCESS, renewed.status());
        assertTrue(renewed.items().contains(new Granted6(foreign, 128, 0, 0)));
        assertTrue(renewed.items().contains(new Granted6(bound.item(), 128, 3000, 4000)));
        var extended = assertInstanceOf(Lease6Entity.IaExtended.class, result.event());
        assertEquals(clock.millis() + 4_000_000, extended.validUntil());
    }

    @Test
    void renewOfAnUnknownIaIsNoBinding() {
        var kit = lease("00030001020000000011", IaType.NA, 1);
        var result = next(kit, Kind6.RENEW, new Hint6(a("2001:db8:1::1234"), 128));
        assertEquals(Status6.NO_BINDING, answer(result.reply()).status());
        assertTrue(result.hasNoEvents());
    }

    @Test
    void rebindOfAddressesFromAnotherLinkGetsThemWithdrawn() {
        var kit = lease("00030001020000000012", IaType.NA, 1);
        Address128 elsewhere = a("2001:db8:77::5");
        IaAnswer a = answer(next(kit, Kind6.REBIND, new Hint6(elsewhere, 128)).reply());
        assertEquals(Status6.SUCCESS, a.status());
        assertEquals(List.of(new Granted6(elsewhere, 128, 0, 0)), a.items());
    }

    @Test
    void rebindOfAnOnLinkAddressWithoutBindingIsNoBinding() {
        var kit = lease("00030001020000000013", IaType.NA, 1);
        assertEquals(Status6.NO_BINDING, answer(next(kit, Kind6.REBIND, new Hint6(a("2001:db8:1::1003"), 128)).reply()).status());
    }

    @Test
    void releaseOfSomethingNotHeldIsNoBinding() {
        var kit = lease("00030001020000000014", IaType.NA, 1);
        var result = next(kit, Kind6.RELEASE, new Hint6(a("2001:db8:1::1003"), 128));
        assertEquals(Status6.NO_BINDING, answer(result.reply()).status());
        assertTrue(result.hasNoEvents());
    }

    @Test
    void aDeclinedAddressIsQuarantinedAndTheClientGetsAnother() {
        var kit = lease("00030001020000000015", IaType.NA, 1);
        Granted6 first = solicitAndRequest(kit);
        var declined = next(kit, Kind6.DECLINE, hint(first));
        assertInstanceOf(Lease6Entity.IaDeclined.class, declined.event());
        assertNotEquals(first.item(), solicitAndRequest(kit).item());
        var other = lease("00030001020000000016", IaType.NA, 1);
        var refused = next(other, Kind6.REQUEST, hint(first));
        assertNotEquals(first.item(), only(refused.reply()).item(), "the quarantined address went to nobody");
    }

    @Test
    void reservedAddressesAndPrefixesGoToTheirDuidOnly() {
        var na = EventSourcedBehaviorTestKit.<Lease6Entity.Command, Lease6Entity.Event, Lease6State>create(testKit.system(),
                Lease6Entity.create(new IaKey(1, TestPolicies6.RESERVED_DUID, IaType.NA, 1), policy::get, clock, directory));
        na.clear();
        assertEquals(TestPolicies6.RESERVED_ADDRESS, solicitAndRequest(na).item());
        var pd = EventSourcedBehaviorTestKit.<Lease6Entity.Command, Lease6Entity.Event, Lease6State>create(testKit.system(),
                Lease6Entity.create(new IaKey(1, TestPolicies6.RESERVED_DUID, IaType.PD, 1), policy::get, clock, directory));
        pd.clear();
        assertEquals(TestPolicies6.RESERVED_PREFIX, solicitAndRequest(pd).item());
        var stranger = lease("00030001020000000017", IaType.NA, 1);
        var result = next(stranger, Kind6.REQUEST, new Hint6(TestPolicies6.RESERVED_ADDRESS, 128));
        assertNotEquals(TestPolicies6.RESERVED_ADDRESS, only(result.reply()).item());
    }

    @Test
    void anExhaustedPoolAnswersNoAddrsAvail() {
        policy.set(TestPolicies6.tiny(2));
        solicitAndRequest(lease("00030001020000000018", IaType.NA, 1));
        solicitAndRequest(lease("00030001020000000019", IaType.NA, 1));
        IaAnswer a = answer(next(lease("0003000102000000001a", IaType.NA, 1), Kind6.SOLICIT).reply());
        assertEquals(Status6.NO_ADDRS_AVAIL, a.status());
        assertTrue(a.items().isEmpty());
    }

    @Test
    void twoIasOfOneClientAndManyClientsNeverShareAnAddress() {
        Set<Address128> seen = new HashSet<>();
        for (int c = 0; c < 20; c++) {
            for (long iaid = 1; iaid <= 2; iaid++) {
                Granted6 g = solicitAndRequest(lease(String.format("000300010200000001%02x", c), IaType.NA, iaid));
                assertTrue(seen.add(g.item()), g.item() + " given twice");
            }
        }
    }

    @Test
    void aCopyIsMarkedSoOnlyOneAnswerLeavesAndARetransmissionGetsTheSameAnswer() {
        var kit = lease("0003000102000000001b", IaType.NA, 1);
        xid++;
        IaAnswer first = answer(send(kit, Kind6.SOLICIT, 0, false).reply());
        assertEquals(Repeat.FIRST, first.repeat());
        IaAnswer copy = answer(send(kit, Kind6.SOLICIT, 0, false).reply());
        assertEquals(Repeat.COPY, copy.repeat());
        assertEquals(first.items(), copy.items());
        clock.advance(Duration.ofSeconds(1));
        IaAnswer retransmission = answer(send(kit, Kind6.SOLICIT, 100, false).reply());
        assertEquals(Repeat.RETRANSMISSION, retransmission.repeat());
        assertEquals(first.items(), retransmission.items());
    }

    @Test
    void bindingsSurviveARestartOfTheEntity() {
        var kit = lease("0003000102000000001c", IaType.NA, 1);
        Granted6 bound = solicitAndRequest(kit);
        kit.restart();
        assertEquals(bound.item(), only(next(kit, Kind6.RENEW, hint(bound)).reply()).item());
    }
}
