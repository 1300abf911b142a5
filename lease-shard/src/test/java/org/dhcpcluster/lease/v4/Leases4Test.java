package org.dhcpcluster.lease.v4;

import static org.dhcpcluster.lease.testing.TestPolicies.SERVICE_ADDRESS;
import static org.dhcpcluster.lease.testing.TestPolicies.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.dhcpcluster.lease.partition.PartitionEvent;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.MutableClock;
import org.dhcpcluster.lease.testing.TestPartitions;
import org.dhcpcluster.lease.testing.TestPolicies;
import org.dhcpcluster.lease.v4.policy.AddressRange;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DHCPv4 through {@link Leases4} to real partition entities (in-memory journal, every message
 * and event through Kryo): RFC 2131 section 4.3 behaviour, and the invariants it rests on.
 */
class Leases4Test {
    private static final ActorTestKit testKit = TestPartitions.newTestKit();
    private static final String LAN = "4:192.0.2.0";

    private final MutableClock clock = MutableClock.startingAt2026();
    private final AtomicReference<Policy4> policy = new AtomicReference<>(TestPolicies.lan());
    private final TestPartitions partitions = new TestPartitions(testKit, Map.of(4, new Rules4(policy::get)), clock);
    private final Leases4 leases = new Leases4(partitions, policy::get, testKit.system().scheduler());

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @AfterEach
    void clear() {
        partitions.clear();
    }

    private Answer4 send(DhcpV4Message m) {
        return send(m, subnet(1));
    }

    private Answer4 send(DhcpV4Message m, Subnet4 subnet) {
        return leases.handle(m, subnet, ip(SERVICE_ADDRESS), clock.millis()).toCompletableFuture().join();
    }

    private Subnet4 subnet(int id) {
        return policy.get().subnet(id).orElseThrow();
    }

    private int dora(ClientMessages4 c) {
        return dora(c, subnet(1));
    }

    private int dora(ClientMessages4 c, Subnet4 subnet) {
        int offered = assertInstanceOf(Answer4.Offer.class, send(c.newTransaction().discover(), subnet)).address();
        Answer4.Ack ack = assertInstanceOf(Answer4.Ack.class, send(c.requestSelecting(SERVICE_ADDRESS, offered), subnet));
        assertEquals(offered, ack.address());
        return ack.address();
    }

    private List<Object> journaled(String entityId) {
        return partitions.journal().persistedInStorage("Partition|" + entityId);
    }

    private static Answer4.Silence silence(Answer4 a) {
        return assertInstanceOf(Answer4.Silent.class, a).reason();
    }

    @Test
    void discoverIsOfferedAPoolAddressWithoutWritingAnything() {
        var offer = assertInstanceOf(Answer4.Offer.class, send(new ClientMessages4(1).discover()));
        assertTrue(subnet(1).inPool(offer.address()));
        assertEquals(3600, offer.leaseSeconds());
        assertEquals(List.of(), journaled(LAN), "an offer is not a binding and is not journaled");
    }

    @Test
    void requestForTheOfferedAddressIsAcknowledgedAfterOneBindingEvent() {
        var c = new ClientMessages4(2);
        int address = dora(c);
        List<Object> events = journaled(LAN);
        assertEquals(1, events.size(), "one journal event per exchange");
        var bound = assertInstanceOf(PartitionEvent.Bound.class, events.get(0));
        assertEquals(address, new Block4(ip("192.0.2.0")).addressAt(bound.offset()));
        assertEquals(clock.millis() + 3_600_000, bound.expiresAt());
        assertEquals(c.macText(), Decide4.hardwareText(bound.details().hardwareAddress()));
    }

    @Test
    void twoClientsAreNeverGivenTheSameAddress() {
        Set<Integer> given = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            assertTrue(given.add(dora(new ClientMessages4(100 + i))), "address given twice");
        }
    }

    @Test
    void theSameClientGetsTheSameAddressAgainAfterItsLeaseExpired() {
        var c = new ClientMessages4(3);
        int first = dora(c);
        clock.advance(Duration.ofHours(2));
        assertEquals(first, dora(c));
    }

    @Test
    void theSameClientGetsTheSameAddressAgainAfterReleasingItAndOthersMayTakeItMeanwhile() {
        var c = new ClientMessages4(4);
        int first = dora(c);
        assertEquals(Answer4.Silence.NO_REPLY_EXPECTED, silence(send(c.newTransaction().release(SERVICE_ADDRESS, Ipv4.format(first)))));
        assertInstanceOf(PartitionEvent.Released.class, journaled(LAN).get(1));
        assertEquals(first, dora(c));
        // Released again, a client asking for it by name gets it.
        send(c.newTransaction().release(SERVICE_ADDRESS, Ipv4.format(first)));
        var other = new ClientMessages4(5);
        assertEquals(first, assertInstanceOf(Answer4.Offer.class, send(other.discoverRequesting(Ipv4.format(first)))).address());
    }

    @Test
    void renewingExtendsTheLeaseWithOneEvent() {
        var c = new ClientMessages4(6);
        int address = dora(c);
        clock.advance(Duration.ofMinutes(30));
        var ack = assertInstanceOf(Answer4.Ack.class, send(c.newTransaction().requestRenewing(Ipv4.format(address))));
        assertEquals(address, ack.address());
        var renewed = assertInstanceOf(PartitionEvent.Renewed.class, journaled(LAN).get(1));
        assertEquals(clock.millis() + 3_600_000, renewed.expiresAt());
    }

    @Test
    void aRequestNamingAnotherServerIsIgnoredAndLetsGoOfTheOffer() {
        policy.set(TestPolicies.lanWithPool("192.0.2.100", "192.0.2.100"));
        var c = new ClientMessages4(7);
        int offered = assertInstanceOf(Answer4.Offer.class, send(c.discover())).address();
        assertEquals(Answer4.Silence.OTHER_SERVER, silence(send(c.requestSelecting("198.51.100.9", offered))));
        // The only address is free again at once, not after the offer hold.
        var other = new ClientMessages4(8);
        assertEquals(offered, assertInstanceOf(Answer4.Offer.class, send(other.discover())).address());
    }

    @Test
    void initRebootOnTheWrongNetworkIsNaked() {
        assertInstanceOf(Answer4.Nak.class, send(new ClientMessages4(9).requestInitReboot("198.51.100.20")));
    }

    @Test
    void initRebootForTheAddressOnRecordIsAcknowledgedAndForAnotherIsNaked() {
        var c = new ClientMessages4(10);
        int address = dora(c);
        assertEquals(address, assertInstanceOf(Answer4.Ack.class, send(c.newTransaction().requestInitReboot(Ipv4.format(address)))).address());
        String other = Ipv4.format(address == ip("192.0.2.150") ? ip("192.0.2.151") : ip("192.0.2.150"));
        assertInstanceOf(Answer4.Nak.class, send(c.newTransaction().requestInitReboot(other)));
    }

    @Test
    void initRebootWithoutRecordIsGrantedAFreeAddressAndSilentForATakenOneUnlessAuthoritative() {
        assertInstanceOf(Answer4.Ack.class, send(new ClientMessages4(11).requestInitReboot("192.0.2.120")));
        var late = new ClientMessages4(12);
        assertEquals(Answer4.Silence.NO_RECORD, silence(send(late.requestInitReboot("192.0.2.120"))));
        policy.set(TestPolicies.policy(TestPolicies.subnet(1, "192.0.2.0/24",
                List.of(new AddressRange(ip("192.0.2.100"), ip("192.0.2.199"))), Map.of(), Map.of(), true)));
        assertInstanceOf(Answer4.Nak.class, send(late.newTransaction().requestInitReboot("192.0.2.120")));
    }

    @Test
    void aDeclinedAddressIsQuarantinedAndTheClientGetsAnother() {
        var c = new ClientMessages4(13);
        int first = dora(c);
        assertEquals(Answer4.Silence.NO_REPLY_EXPECTED, silence(send(c.newTransaction().decline(SERVICE_ADDRESS, Ipv4.format(first)))));
        assertInstanceOf(PartitionEvent.Declined.class, journaled(LAN).get(1));
        assertNotEquals(first, dora(c));
        var other = new ClientMessages4(14);
        assertEquals(Answer4.Silence.NO_RECORD, silence(send(other.requestInitReboot(Ipv4.format(first)))));
        clock.advance(Duration.ofHours(2));
        assertEquals(first, assertInstanceOf(Answer4.Ack.class, send(other.newTransaction().requestInitReboot(Ipv4.format(first)))).address());
    }

    @Test
    void aCopyOfAMessageIsNotAnsweredTwiceAndARetransmissionGetsTheSameAckWithoutANewEvent() {
        var c = new ClientMessages4(15);
        int offered = assertInstanceOf(Answer4.Offer.class, send(c.discover())).address();
        DhcpV4Message request = c.requestSelecting(SERVICE_ADDRESS, offered);
        long received = clock.millis();
        assertInstanceOf(Answer4.Ack.class, leases.handle(request, subnet(1), ip(SERVICE_ADDRESS), received).toCompletableFuture().join());
        // The copy a second node heard at the same moment, however late it reaches the partition.
        clock.advance(Duration.ofSeconds(5));
        assertEquals(Answer4.Silence.DUPLICATE, silence(leases.handle(request, subnet(1), ip(SERVICE_ADDRESS), received + 3)
                .toCompletableFuture().join()));
        // The client's retransmission, 4 s later: the same ACK, no second binding.
        var again = assertInstanceOf(Answer4.Ack.class, leases.handle(request, subnet(1), ip(SERVICE_ADDRESS), received + 4_000)
                .toCompletableFuture().join());
        assertEquals(offered, again.address());
        assertEquals(1, journaled(LAN).size());
    }

    @Test
    void aReservedClientIsOfferedItsAddressAndNakedForAnother() {
        var c = new ClientMessages4(16);
        policy.set(TestPolicies.policy(TestPolicies.subnet(1, "192.0.2.0/24",
                List.of(new AddressRange(ip("192.0.2.100"), ip("192.0.2.199"))),
                Map.of(c.macText(), TestPolicies.reserveMac(c.macText(), "192.0.2.10")), Map.of(), false)));
        var offer = assertInstanceOf(Answer4.Offer.class, send(c.discover()));
        assertEquals(ip("192.0.2.10"), offer.address());
        assertTrue(offer.reserved());
        assertInstanceOf(Answer4.Nak.class, send(c.newTransaction().requestInitReboot("192.0.2.150")));
        assertTrue(assertInstanceOf(Answer4.Ack.class, send(c.newTransaction().requestInitReboot("192.0.2.10"))).reserved());
        // Nobody else is offered the reserved address.
        for (int i = 0; i < 100; i++) {
            assertNotEquals(ip("192.0.2.10"), assertInstanceOf(Answer4.Offer.class, send(new ClientMessages4(200 + i).discover())).address());
        }
    }

    @Test
    void anExhaustedPoolOffersNothingAndSaysWhy() {
        policy.set(TestPolicies.lanWithPool("192.0.2.100", "192.0.2.104"));
        for (int i = 0; i < 5; i++) {
            dora(new ClientMessages4(30 + i));
        }
        assertEquals(Answer4.Silence.POOL_EXHAUSTED, silence(send(new ClientMessages4(40).discover())));
    }

    @Test
    void aDiscoverFloodFromFourTimesThePoolLeavesARealClientAnOfferAndAnAck() {
        for (int i = 0; i < 400; i++) {
            assertInstanceOf(Answer4.Offer.class, send(new ClientMessages4(5000 + i).discover()), "flood DISCOVER " + i);
        }
        dora(new ClientMessages4(44));
        assertEquals(1, journaled(LAN).size(), "the flood journaled nothing; the real client's binding is the one event");
    }

    @Test
    void decliningAgainAndAgainQuarantinesAtMostThreeAddresses() {
        var c = new ClientMessages4(45);
        for (int i = 0; i < 5; i++) {
            int offered = assertInstanceOf(Answer4.Offer.class, send(c.newTransaction().discover())).address();
            Answer4.Silence expected = i < 3 ? Answer4.Silence.NO_REPLY_EXPECTED : Answer4.Silence.DECLINE_CLIENT_LIMIT;
            assertEquals(expected, silence(send(c.newTransaction().decline(SERVICE_ADDRESS, Ipv4.format(offered)))));
        }
        assertEquals(3, journaled(LAN).stream().filter(PartitionEvent.Declined.class::isInstance).count());
    }

    @Test
    void noAckLeavesWhenTheBindingCannotBeJournaled() {
        var c = new ClientMessages4(43);
        int offered = assertInstanceOf(Answer4.Offer.class, send(c.discover())).address();
        partitions.journal().failNextPersisted("Partition|" + LAN);
        Answer4 answer = send(c.requestSelecting(SERVICE_ADDRESS, offered));
        assertEquals(Answer4.Silence.PARTITION_UNAVAILABLE, silence(answer), "the write failed: no ACK");
        assertEquals(List.of(), journaled(LAN));
    }

    @Test
    void aRetransmissionAfterAFailedWriteIsDecidedAgainOnWhatWasWritten() {
        // The REQUEST's binding was decided, then its write failed: the partition restarts from
        // the journal without it. The client's retransmission (same transaction, 4 s later)
        // must be decided again and written, not answered from the decision that was lost.
        var c = new ClientMessages4(45);
        int offered = assertInstanceOf(Answer4.Offer.class, send(c.discover())).address();
        partitions.journal().failNextPersisted("Partition|" + LAN);
        DhcpV4Message request = c.requestSelecting(SERVICE_ADDRESS, offered);
        assertEquals(Answer4.Silence.PARTITION_UNAVAILABLE, silence(send(request)));
        clock.advance(Duration.ofSeconds(4));
        Answer4 again = send(request);
        assertEquals(offered, assertInstanceOf(Answer4.Ack.class, again, String.valueOf(again)).address());
        assertEquals(1, journaled(LAN).stream().filter(e -> e instanceof PartitionEvent.Bound).count(),
                "the ACK stands on a binding in the journal");
    }

    @Test
    void aLeaseSurvivesARestartOfItsPartition() {
        var c = new ClientMessages4(42);
        int address = dora(c);
        partitions.stopAll();
        assertEquals(address, assertInstanceOf(Answer4.Ack.class, send(c.newTransaction().requestRenewing(Ipv4.format(address)))).address());
        var other = new ClientMessages4(44);
        assertNotEquals(address, dora(other));
    }

    // ---- finding 1: small subnets carved from one /24, each behind its own relay ---------------

    private void twoSubnetsInOne24() {
        policy.set(TestPolicies.policy(
                TestPolicies.subnet(1, "198.51.100.0/26", List.of(new AddressRange(ip("198.51.100.10"), ip("198.51.100.16"))),
                        Map.of(), Map.of(), false),
                TestPolicies.subnet(2, "198.51.100.128/26", List.of(new AddressRange(ip("198.51.100.140"), ip("198.51.100.150"))),
                        Map.of(), Map.of(), false)));
    }

    @Test
    void subnetsSharingA24EachGetTheirOwnPoolsAddresses() {
        twoSubnetsInOne24();
        for (int i = 0; i < 5; i++) {
            int a = dora(new ClientMessages4(300 + i).via("198.51.100.129"), subnet(2));
            assertTrue(subnet(2).inPool(a), Ipv4.format(a) + " is not in subnet 2's pool");
            int b = dora(new ClientMessages4(400 + i).via("198.51.100.1"), subnet(1));
            assertTrue(subnet(1).inPool(b), Ipv4.format(b) + " is not in subnet 1's pool");
        }
    }

    @Test
    void exhaustingOneSubnetNeverHandsOutTheOthersAddresses() {
        twoSubnetsInOne24();
        for (int i = 0; i < 7; i++) {
            dora(new ClientMessages4(500 + i).via("198.51.100.1"), subnet(1));
        }
        assertEquals(Answer4.Silence.POOL_EXHAUSTED, silence(send(new ClientMessages4(600).via("198.51.100.1").discover(), subnet(1))));
        // Asking for subnet 2's free address by name changes nothing.
        assertEquals(Answer4.Silence.POOL_EXHAUSTED, silence(send(new ClientMessages4(601).via("198.51.100.1")
                .discoverRequesting("198.51.100.140"), subnet(1))));
        assertInstanceOf(Answer4.Nak.class, send(new ClientMessages4(602).via("198.51.100.1").requestInitReboot("198.51.100.140"), subnet(1)));
        assertTrue(subnet(2).inPool(dora(new ClientMessages4(603).via("198.51.100.129"), subnet(2))));
    }

    // ---- large pools: clients spread over partitions and are found at home -------------------

    @Test
    void clientsOfALargePoolSpreadOverItsPartitionsAndFindTheirAddressAgain() {
        policy.set(TestPolicies.policy(TestPolicies.subnet(1, "198.18.0.0/15",
                List.of(new AddressRange(ip("198.18.0.10"), ip("198.19.255.250"))), Map.of(), Map.of(), false)));
        Set<Integer> blocks = new HashSet<>();
        Map<ClientMessages4, Integer> given = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            var c = new ClientMessages4(700 + i);
            int a = dora(c);
            blocks.add(Block4.of(a).base());
            given.put(c, a);
        }
        assertTrue(blocks.size() > 20, "40 clients landed in only " + blocks.size() + " blocks");
        clock.advance(Duration.ofHours(3));
        given.forEach((c, a) -> assertEquals(a, assertInstanceOf(Answer4.Offer.class, send(c.newTransaction().discover())).address()));
    }
}
