package org.dhcpcluster.lease.v6;

import static org.dhcpcluster.lease.testing.TestPolicies6.a;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.dhcpcluster.lease.partition.DeclineLimits;
import org.dhcpcluster.lease.partition.PartitionEvent;
import org.dhcpcluster.lease.testing.MutableClock;
import org.dhcpcluster.lease.testing.TestPartitions;
import org.dhcpcluster.lease.testing.TestPolicies6;
import org.dhcpcluster.lease.v6.Answer6.Granted6;
import org.dhcpcluster.lease.v6.IaReply.IaAnswer;
import org.dhcpcluster.lease.v6.policy.Policy6;
import org.dhcpcluster.lease.v6.space.Address128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DHCPv6 identity associations through {@link Leases6} to real partition entities (in-memory
 * journal, every message and event through Kryo): RFC 8415 section 18.3 behaviour per IA.
 */
class Leases6Test {
    private static final ActorTestKit testKit = TestPartitions.newTestKit();
    private static final String ADDRESSES = "Partition|6:L128@2001:db8:1::";

    private final MutableClock clock = MutableClock.startingAt2026();
    private final AtomicReference<Policy6> policy = new AtomicReference<>(TestPolicies6.lan());
    private final TestPartitions partitions = new TestPartitions(testKit, Map.of(6, new Rules6(policy::get)), clock);
    private final Leases6 leases = new Leases6(partitions, testKit.system().scheduler());
    private int xid = 1;

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @AfterEach
    void clear() {
        partitions.clear();
    }

    /** One IA of one client. */
    private record Client(String duid, IaType type, long iaid) {
    }

    private static Client na(String duid) {
        return new Client(duid, IaType.NA, 1);
    }

    private IaReply send(Client c, Kind6 kind, int elapsed, boolean commit, long receivedAt, Hint6... hints) {
        int type = switch (kind) {
            case SOLICIT -> 1;
            case REQUEST -> 3;
            case RENEW -> 5;
            case REBIND -> 6;
            case RELEASE -> 8;
            case DECLINE -> 9;
        };
        Leases6.Message m = new Leases6.Message(kind, type, xid, elapsed, HexFormat.of().parseHex(c.duid()), commit, "2001:db8:ff::2",
                receivedAt);
        return leases.handle(m, new Leases6.Ia(c.type(), c.iaid(), List.of(hints)), policy.get().subnet(1).orElseThrow())
                .toCompletableFuture().join();
    }

    private IaAnswer next(Client c, Kind6 kind, Hint6... hints) {
        xid++;
        return assertInstanceOf(IaAnswer.class, send(c, kind, 0, false, clock.millis(), hints));
    }

    private static Granted6 only(IaAnswer a) {
        assertEquals(Status6.SUCCESS, a.status(), a.message());
        assertEquals(1, a.items().size(), a.items().toString());
        return a.items().get(0);
    }

    private Granted6 solicitAndRequest(Client c) {
        Granted6 advertised = only(next(c, Kind6.SOLICIT));
        Granted6 bound = only(next(c, Kind6.REQUEST, hint(advertised)));
        assertEquals(advertised.item(), bound.item());
        return bound;
    }

    private static Hint6 hint(Granted6 g) {
        return new Hint6(g.item(), g.length());
    }

    private List<Object> journaled() {
        return partitions.journal().persistedInStorage(ADDRESSES);
    }

    @Test
    void solicitAdvertisesAPoolAddressWithoutWritingAnything() {
        Granted6 g = only(next(na("0003000102000000000a"), Kind6.SOLICIT));
        assertTrue(policy.get().subnet(1).orElseThrow().inPool(g.item(), false));
        assertEquals(3000, g.preferredLifetime());
        assertEquals(4000, g.validLifetime());
        assertEquals(List.of(), journaled(), "an advertisement is not a binding");
    }

    @Test
    void aSolicitFloodFromFourTimesThePoolLeavesARealClientAnAddress() {
        policy.set(TestPolicies6.tiny(20));
        for (int i = 0; i < 80; i++) {
            only(next(na(String.format("00030001020000%06x", 0x10000 + i)), Kind6.SOLICIT));
        }
        solicitAndRequest(na("0003000102000000000b"));
        assertEquals(1, journaled().size(), "the flood journaled nothing; the real client's binding is the one event");
    }

    @Test
    void aDeclineBeyondTheIasLimitIsRepliedToWithSuccessAndSaysWhyItWasNotQuarantined() {
        Client c = na("0003000102000000000c");
        for (int i = 0; i < 4; i++) {
            IaAnswer a = next(c, Kind6.DECLINE, hint(solicitAndRequest(c)));
            assertEquals(Status6.SUCCESS, a.status());
            assertEquals(i < 3 ? null : DeclineLimits.Refusal.CLIENT_LIMIT, a.declineRefused(), a.message());
        }
        assertEquals(3, journaled().stream().filter(PartitionEvent.Declined.class::isInstance).count());
    }

    @Test
    void requestBindsTheAdvertisedAddressWithOneEvent() {
        solicitAndRequest(new Client("0003000102000000000b", IaType.NA, 7));
        List<Object> events = journaled();
        assertEquals(1, events.size());
        var bound = assertInstanceOf(PartitionEvent.Bound.class, events.get(0));
        assertEquals(clock.millis() + 4_000_000, bound.expiresAt());
        assertEquals(clock.millis() + 3_000_000, bound.preferredUntil());
        assertEquals("2001:db8:ff::2", bound.details().via());
    }

    @Test
    void rapidCommitBindsOnTheSolicit() {
        xid++;
        only(assertInstanceOf(IaAnswer.class, send(na("0003000102000000000c"), Kind6.SOLICIT, 0, true, clock.millis())));
        assertInstanceOf(PartitionEvent.Bound.class, journaled().get(0));
    }

    @Test
    void prefixDelegationHandsOutA56FromThePdPool() {
        Granted6 p = solicitAndRequest(new Client("0003000102000000000d", IaType.PD, 1));
        assertEquals(56, p.length());
        assertTrue(p.item().isIn(a("2001:db8:100::"), 40));
        assertEquals(p.item(), p.item().clearLow(72));
    }

    @Test
    void theSameDuidAndIaidGetTheSameAddressBackAfterReleasing() {
        Client c = new Client("0003000102000000000e", IaType.NA, 3);
        Granted6 first = solicitAndRequest(c);
        assertEquals(Status6.SUCCESS, next(c, Kind6.RELEASE, hint(first)).status());
        assertInstanceOf(PartitionEvent.Released.class, journaled().get(1));
        assertEquals(first.item(), solicitAndRequest(c).item());
    }

    @Test
    void aRequestFromABoundIaExtendsWhatItHolds() {
        Client c = na("0003000102000000000f");
        Granted6 first = solicitAndRequest(c);
        clock.advance(Duration.ofSeconds(100));
        assertEquals(first.item(), only(next(c, Kind6.REQUEST)).item());
        assertInstanceOf(PartitionEvent.Renewed.class, journaled().get(1));
    }

    @Test
    void renewExtendsTheBindingAndWithdrawsAddressesThatAreNotTheClients() {
        Client c = na("00030001020000000010");
        Granted6 bound = solicitAndRequest(c);
        clock.advance(Duration.ofSeconds(1000));
        Address128 foreign = a("2001:db8:1::1fff");
        IaAnswer renewed = next(c, Kind6.RENEW, hint(bound), new Hint6(foreign, 128));
        assertEquals(Status6.SUCCESS, renewed.status());
        assertTrue(renewed.items().contains(new Granted6(foreign, 128, 0, 0)), renewed.items().toString());
        assertTrue(renewed.items().contains(new Granted6(bound.item(), 128, 3000, 4000)));
        var extended = assertInstanceOf(PartitionEvent.Renewed.class, journaled().get(1));
        assertEquals(clock.millis() + 4_000_000, extended.expiresAt());
    }

    @Test
    void renewOfAnUnknownIaIsNoBindingAndWritesNothing() {
        assertEquals(Status6.NO_BINDING, next(na("00030001020000000011"), Kind6.RENEW, new Hint6(a("2001:db8:1::1234"), 128)).status());
        assertEquals(List.of(), journaled());
    }

    @Test
    void rebindOfAddressesFromAnotherLinkGetsThemWithdrawn() {
        Address128 elsewhere = a("2001:db8:77::5");
        IaAnswer a = next(na("00030001020000000012"), Kind6.REBIND, new Hint6(elsewhere, 128));
        assertEquals(Status6.SUCCESS, a.status());
        assertEquals(List.of(new Granted6(elsewhere, 128, 0, 0)), a.items());
    }

    @Test
    void rebindOfAnOnLinkAddressWithoutBindingIsNoBinding() {
        assertEquals(Status6.NO_BINDING, next(na("00030001020000000013"), Kind6.REBIND, new Hint6(a("2001:db8:1::1003"), 128)).status());
    }

    @Test
    void releaseOfSomethingNotHeldIsNoBinding() {
        assertEquals(Status6.NO_BINDING, next(na("00030001020000000014"), Kind6.RELEASE, new Hint6(a("2001:db8:1::1003"), 128)).status());
        assertEquals(List.of(), journaled());
    }

    @Test
    void aDeclinedAddressIsQuarantinedAndTheClientGetsAnother() {
        Client c = na("00030001020000000015");
        Granted6 first = solicitAndRequest(c);
        next(c, Kind6.DECLINE, hint(first));
        assertInstanceOf(PartitionEvent.Declined.class, journaled().get(1));
        assertNotEquals(first.item(), solicitAndRequest(c).item());
        Granted6 refused = only(next(na("00030001020000000016"), Kind6.REQUEST, hint(first)));
        assertNotEquals(first.item(), refused.item(), "the quarantined address went to nobody");
    }

    @Test
    void reservedAddressesAndPrefixesGoToTheirDuidOnly() {
        assertEquals(TestPolicies6.RESERVED_ADDRESS, solicitAndRequest(na(TestPolicies6.RESERVED_DUID)).item());
        assertEquals(TestPolicies6.RESERVED_PREFIX, solicitAndRequest(new Client(TestPolicies6.RESERVED_DUID, IaType.PD, 1)).item());
        Granted6 stranger = only(next(na("00030001020000000017"), Kind6.REQUEST, new Hint6(TestPolicies6.RESERVED_ADDRESS, 128)));
        assertNotEquals(TestPolicies6.RESERVED_ADDRESS, stranger.item());
    }

    @Test
    void anExhaustedPoolAnswersNoAddrsAvail() {
        policy.set(TestPolicies6.tiny(2));
        solicitAndRequest(na("00030001020000000018"));
        solicitAndRequest(na("00030001020000000019"));
        IaAnswer a = next(na("0003000102000000001a"), Kind6.SOLICIT);
        assertEquals(Status6.NO_ADDRS_AVAIL, a.status());
        assertTrue(a.items().isEmpty());
    }

    @Test
    void twoIasOfOneClientAndManyClientsNeverShareAnAddress() {
        Set<Address128> seen = new HashSet<>();
        for (int c = 0; c < 20; c++) {
            for (long iaid = 1; iaid <= 2; iaid++) {
                Granted6 g = solicitAndRequest(new Client(String.format("000300010200000001%02x", c), IaType.NA, iaid));
                assertTrue(seen.add(g.item()), g.item() + " given twice");
            }
        }
    }

    @Test
    void aCopyIsNotAnsweredAndARetransmissionGetsTheSameAnswer() {
        Client c = na("0003000102000000001b");
        xid++;
        long received = clock.millis();
        IaAnswer first = assertInstanceOf(IaAnswer.class, send(c, Kind6.SOLICIT, 0, false, received));
        clock.advance(Duration.ofSeconds(4));
        IaAnswer copy = assertInstanceOf(IaAnswer.class, send(c, Kind6.SOLICIT, 0, false, received + 5));
        assertTrue(copy.copy(), "a copy received with the original, however late it arrives, gets no answer");
        IaAnswer retransmission = assertInstanceOf(IaAnswer.class, send(c, Kind6.SOLICIT, 100, false, received + 1_000));
        assertTrue(!retransmission.copy());
        assertEquals(first.items(), retransmission.items());
    }

    @Test
    void bindingsSurviveARestartOfThePartition() {
        Client c = na("0003000102000000001c");
        Granted6 bound = solicitAndRequest(c);
        partitions.stopAll();
        assertEquals(bound.item(), only(next(c, Kind6.RENEW, hint(bound))).item());
    }

    @Test
    void iasOfAWholeSlash64PoolSpreadOverItsActiveSlices() {
        policy.set(TestPolicies6.withPools(List.of(org.dhcpcluster.lease.v6.space.Pool6.addresses(a("2001:db8:1::"),
                a("2001:db8:1::ffff:ffff:ffff:fffe")))));
        Set<String> slices = new HashSet<>();
        for (int c = 0; c < 30; c++) {
            Granted6 g = solicitAndRequest(na(String.format("000300010200000002%02x", c)));
            slices.add(org.dhcpcluster.lease.v6.space.SliceKey.of(g.item(), 128).sliceId());
        }
        assertTrue(slices.size() > 10, "30 IAs landed in " + slices.size() + " slices");
    }
}
