package org.dhcpcluster.lease.v4.lease;

import static org.dhcpcluster.lease.testing.TestPolicies.SERVICE_ADDRESS;
import static org.dhcpcluster.lease.testing.TestPolicies.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.MutableClock;
import org.dhcpcluster.lease.testing.TestPolicies;
import org.dhcpcluster.lease.v4.block.AddressBlock4;
import org.dhcpcluster.lease.v4.block.BlockDirectory;
import org.dhcpcluster.lease.v4.policy.AddressRange;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lease entity against real address-block actors (in-memory journal), with Pekko's
 * serialization checks on for every command, event and state.
 */
class Lease4EntityTest {
    private static final ActorTestKit testKit = ActorTestKit.create(
            EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load()));
    private static int blockGeneration;

    private final MutableClock clock = MutableClock.startingAt2026();
    private final AtomicReference<Policy4> policy = new AtomicReference<>(TestPolicies.lan());
    private final Map<Integer, ActorRef<AddressBlock4.Command>> blocks = new HashMap<>();
    private final BlockDirectory directory = address -> blocks.computeIfAbsent(Policy4.blockBase(address), base ->
            testKit.spawn(AddressBlock4.create(PersistenceId.of("Block4", "g" + blockGeneration + "-" + Ipv4.format(base)),
                    base, policy::get, clock)));

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @AfterEach
    void freshBlocksNextTime() {
        blockGeneration++;
        blocks.values().forEach(testKit::stop);
    }

    private EventSourcedBehaviorTestKit<Lease4Entity.Command, Lease4Entity.Event, Lease4State> lease(ClientMessages4 client) {
        String key = ClientKey4.of(client.discover());
        EventSourcedBehaviorTestKit<Lease4Entity.Command, Lease4Entity.Event, Lease4State> kit = EventSourcedBehaviorTestKit.create(
                testKit.system(), Lease4Entity.create("1:" + key + "-g" + blockGeneration, policy::get, clock, directory));
        kit.clear();
        return kit;
    }

    private static EventSourcedBehaviorTestKit.CommandResultWithReply<Lease4Entity.Command, Lease4Entity.Event, Lease4State, Reply4>
            send(EventSourcedBehaviorTestKit<Lease4Entity.Command, Lease4Entity.Event, Lease4State> kit, DhcpV4Message m) {
        return kit.runCommand(r -> new Lease4Entity.Handle(m, TestPolicies.SUBNET_ID, ip(SERVICE_ADDRESS), r));
    }

    private static DhcpV4Message answer(Reply4 r) {
        return assertInstanceOf(Reply4.Answer.class, r).message();
    }

    private static Reply4.Silence silence(Reply4 r) {
        return assertInstanceOf(Reply4.NoAnswer.class, r).reason();
    }

    /** Runs DISCOVER then REQUEST; returns the bound address. */
    private int dora(EventSourcedBehaviorTestKit<Lease4Entity.Command, Lease4Entity.Event, Lease4State> kit, ClientMessages4 c) {
        DhcpV4Message offer = answer(send(kit, c.newTransaction().discover()).reply());
        DhcpV4Message ack = answer(send(kit, c.requestSelecting(SERVICE_ADDRESS, Ipv4.toInt(offer.yiaddr()))).reply());
        assertEquals(DhcpMessageType.ACK, ack.messageType().orElseThrow());
        return Ipv4.toInt(ack.yiaddr());
    }

    @Test
    void discoverIsOfferedAPoolAddressWithoutWritingAnything() {
        var c = new ClientMessages4(1);
        var kit = lease(c);
        var result = send(kit, c.discover());
        DhcpV4Message offer = answer(result.reply());
        assertEquals(DhcpMessageType.OFFER, offer.messageType().orElseThrow());
        assertTrue(policy.get().subnet(1).orElseThrow().inPool(Ipv4.toInt(offer.yiaddr())));
        assertEquals(Ipv4.parse(SERVICE_ADDRESS), offer.serverIdentifier().orElseThrow());
        assertEquals(3600, offer.ipAddressLeaseTime().orElseThrow());
        assertTrue(result.hasNoEvents(), "an offer is not a binding and is not journaled");
    }

    @Test
    void requestForTheOfferedAddressIsAcknowledgedAfterTheBindingIsJournaled() {
        var c = new ClientMessages4(2);
        var kit = lease(c);
        int offered = Ipv4.toInt(answer(send(kit, c.discover()).reply()).yiaddr());
        var result = send(kit, c.requestSelecting(SERVICE_ADDRESS, offered));
        DhcpV4Message ack = answer(result.reply());
        assertEquals(DhcpMessageType.ACK, ack.messageType().orElseThrow());
        assertEquals(offered, Ipv4.toInt(ack.yiaddr()));
        var bound = assertInstanceOf(Lease4Entity.LeaseBound.class, result.event());
        assertEquals(offered, bound.address());
        assertEquals(clock.millis() + 3_600_000, bound.expiresAt());
        assertEquals(c.macText(), bound.hardwareAddress());
        assertEquals(offered, result.state().address());
    }

    @Test
    void twoClientsAreNeverGivenTheSameAddress() {
        var a = new ClientMessages4(3);
        var b = new ClientMessages4(4);
        assertNotEquals(dora(lease(a), a), dora(lease(b), b));
    }

    @Test
    void theSameClientGetsTheSameAddressAgainAfterItsLeaseExpired() {
        var c = new ClientMessages4(5);
        var kit = lease(c);
        int first = dora(kit, c);
        clock.advance(Duration.ofHours(2));
        assertEquals(first, dora(kit, c));
    }

    @Test
    void theSameClientGetsTheSameAddressAgainAfterReleasingIt() {
        var c = new ClientMessages4(6);
        var kit = lease(c);
        int first = dora(kit, c);
        var released = send(kit, c.newTransaction().release(SERVICE_ADDRESS, Ipv4.format(first)));
        assertEquals(Reply4.Silence.NO_REPLY_EXPECTED, silence(released.reply()));
        assertEquals(new Lease4Entity.LeaseReleased(first, clock.millis()), released.event());
        assertEquals(first, dora(kit, c));
    }

    @Test
    void aReleasedAddressCanBeGivenToAnotherClient() {
        policy.set(TestPolicies.lanWithPool("192.0.2.100", "192.0.2.100"));
        var a = new ClientMessages4(7);
        var ka = lease(a);
        int addr = dora(ka, a);
        var b = new ClientMessages4(8);
        var kb = lease(b);
        assertEquals(Reply4.Silence.POOL_EXHAUSTED, silence(send(kb, b.discover()).reply()));
        send(ka, a.newTransaction().release(SERVICE_ADDRESS, Ipv4.format(addr)));
        assertEquals(addr, dora(kb, b));
    }

    @Test
    void renewingExtendsTheLeaseAndJournalsTheRenewal() {
        var c = new ClientMessages4(9);
        var kit = lease(c);
        int addr = dora(kit, c);
        clock.advance(Duration.ofMinutes(30));
        var result = send(kit, c.newTransaction().requestRenewing(Ipv4.format(addr)));
        DhcpV4Message ack = answer(result.reply());
        assertEquals(addr, Ipv4.toInt(ack.yiaddr()));
        assertEquals(addr, Ipv4.toInt(ack.ciaddr()));
        assertEquals(new Lease4Entity.LeaseRenewed(addr, clock.millis(), clock.millis() + 3_600_000), result.event());
    }

    @Test
    void aRequestNamingAnotherServerIsIgnoredAndLetsGoOfTheOffer() {
        policy.set(TestPolicies.lanWithPool("192.0.2.100", "192.0.2.100"));
        var a = new ClientMessages4(10);
        var ka = lease(a);
        int offered = Ipv4.toInt(answer(send(ka, a.discover()).reply()).yiaddr());
        var result = send(ka, a.requestSelecting("198.51.100.99", offered));
        assertEquals(Reply4.Silence.OTHER_SERVER, silence(result.reply()));
        assertTrue(result.hasNoEvents());
        var b = new ClientMessages4(11);
        assertEquals(offered, dora(lease(b), b), "the withdrawn offer is free for the next client at once");
    }

    @Test
    void initRebootOnTheWrongNetworkIsNaked() {
        var c = new ClientMessages4(12);
        var kit = lease(c);
        DhcpV4Message nak = answer(send(kit, c.requestInitReboot("198.51.100.7")).reply());
        assertEquals(DhcpMessageType.NAK, nak.messageType().orElseThrow());
        assertEquals(Ipv4.ANY, nak.yiaddr());
        assertFalse(nak.options().contains(51), "a NAK carries no lease time");
    }

    @Test
    void initRebootForTheAddressOnRecordIsAcknowledged() {
        var c = new ClientMessages4(13);
        var kit = lease(c);
        int addr = dora(kit, c);
        var result = send(kit, c.newTransaction().requestInitReboot(Ipv4.format(addr)));
        assertEquals(addr, Ipv4.toInt(answer(result.reply()).yiaddr()));
        assertInstanceOf(Lease4Entity.LeaseRenewed.class, result.event());
    }

    @Test
    void initRebootForAnotherAddressThanTheOneOnRecordIsNaked() {
        var c = new ClientMessages4(14);
        var kit = lease(c);
        int addr = dora(kit, c);
        String other = Ipv4.format(addr + 1);
        assertEquals(DhcpMessageType.NAK, answer(send(kit, c.newTransaction().requestInitReboot(other)).reply())
                .messageType().orElseThrow());
    }

    @Test
    void initRebootWithoutRecordForAFreeAddressIsGrantedIt() {
        var c = new ClientMessages4(15);
        var kit = lease(c);
        var result = send(kit, c.requestInitReboot("192.0.2.150"));
        assertEquals(ip("192.0.2.150"), Ipv4.toInt(answer(result.reply()).yiaddr()));
        assertInstanceOf(Lease4Entity.LeaseBound.class, result.event());
    }

    @Test
    void initRebootWithoutRecordForATakenAddressIsSilentUnlessAuthoritative() {
        var a = new ClientMessages4(16);
        int taken = dora(lease(a), a);
        var b = new ClientMessages4(17);
        var kb = lease(b);
        assertEquals(Reply4.Silence.NO_RECORD, silence(send(kb, b.requestInitReboot(Ipv4.format(taken))).reply()));

        var s = policy.get().subnet(1).orElseThrow();
        policy.set(TestPolicies.policy(TestPolicies.subnet(1, "192.0.2.0/24", s.pools(), Map.of(), Map.of(), true)));
        assertEquals(DhcpMessageType.NAK, answer(send(kb, b.newTransaction().requestInitReboot(Ipv4.format(taken))).reply())
                .messageType().orElseThrow());
    }

    @Test
    void aDeclinedAddressIsQuarantinedAndTheClientGetsAnother() {
        var c = new ClientMessages4(18);
        var kit = lease(c);
        int first = dora(kit, c);
        var declined = send(kit, c.newTransaction().decline(SERVICE_ADDRESS, Ipv4.format(first)));
        assertEquals(new Lease4Entity.LeaseDeclined(first, clock.millis()), declined.event());
        int second = dora(kit, c);
        assertNotEquals(first, second);
        var other = new ClientMessages4(19);
        DhcpV4Message offer = answer(send(lease(other), other.discoverRequesting(Ipv4.format(first))).reply());
        assertNotEquals(first, Ipv4.toInt(offer.yiaddr()), "nobody is offered a quarantined address");
    }

    @Test
    void aCopyOfTheSameRequestIsNotAnsweredTwice() {
        var c = new ClientMessages4(20);
        var kit = lease(c);
        int offered = Ipv4.toInt(answer(send(kit, c.discover()).reply()).yiaddr());
        DhcpV4Message request = c.requestSelecting(SERVICE_ADDRESS, offered);
        answer(send(kit, request).reply());
        var copy = send(kit, request);
        assertEquals(Reply4.Silence.DUPLICATE, silence(copy.reply()));
        assertTrue(copy.hasNoEvents());
    }

    @Test
    void aRetransmittedRequestGetsTheSameAckWithoutANewBinding() {
        var c = new ClientMessages4(21);
        var kit = lease(c);
        int offered = Ipv4.toInt(answer(send(kit, c.discover()).reply()).yiaddr());
        DhcpV4Message request = c.requestSelecting(SERVICE_ADDRESS, offered);
        DhcpV4Message ack = answer(send(kit, request).reply());
        clock.advance(Duration.ofSeconds(4));
        var retransmission = send(kit, request.toBuilder().secs(4).build());
        assertEquals(ack, answer(retransmission.reply()));
        assertTrue(retransmission.hasNoEvents());
    }

    @Test
    void aReservedClientIsOfferedItsReservedAddressWithItsHostName() {
        var c = new ClientMessages4(22);
        var reservation = TestPolicies.reserveMac(c.macText(), "192.0.2.20");
        var s = policy.get().subnet(1).orElseThrow();
        policy.set(TestPolicies.policy(TestPolicies.subnet(1, "192.0.2.0/24", s.pools(),
                Map.of(c.macText(), reservation), Map.of(), false)));
        var kit = lease(c);
        DhcpV4Message offer = answer(send(kit, c.discover().toBuilder()
                .option(55, new byte[] {1, 3, 12}).build()).reply());
        assertEquals(ip("192.0.2.20"), Ipv4.toInt(offer.yiaddr()));
        assertEquals("reserved-host", offer.hostName().orElseThrow());
        assertEquals(ip("192.0.2.20"), dora(kit, c));
    }

    @Test
    void anExhaustedPoolOffersNothingAndSaysWhy() {
        policy.set(TestPolicies.policy(TestPolicies.subnet(1, "192.0.2.0/24",
                List.of(new AddressRange(ip("192.0.2.100"), ip("192.0.2.101"))), Map.of(), Map.of(), false)));
        for (int i = 0; i < 2; i++) {
            var c = new ClientMessages4(30 + i);
            dora(lease(c), c);
        }
        var late = new ClientMessages4(40);
        assertEquals(Reply4.Silence.POOL_EXHAUSTED, silence(send(lease(late), late.discover()).reply()));
    }

    @Test
    void informIsAnsweredWithConfigurationButNoLease() {
        var c = new ClientMessages4(41);
        DhcpV4Message ack = answer(send(lease(c), c.inform("192.0.2.9")).reply());
        assertEquals(DhcpMessageType.ACK, ack.messageType().orElseThrow());
        assertEquals(Ipv4.ANY, ack.yiaddr());
        assertEquals(Ipv4.parse("192.0.2.9"), ack.ciaddr());
        assertFalse(ack.options().contains(51));
        assertTrue(ack.options().contains(3), "routers were requested and configured");
    }

    @Test
    void noAckLeavesWhenTheBindingCannotBeJournaled() {
        var c = new ClientMessages4(43);
        String entityId = "1:" + ClientKey4.of(c.discover()) + "-g" + blockGeneration + "-direct";
        var lease = testKit.spawn(Lease4Entity.create(entityId, policy::get, clock, directory));
        TestProbe<Reply4> probe = testKit.createTestProbe();
        lease.tell(new Lease4Entity.Handle(c.discover(), TestPolicies.SUBNET_ID, ip(SERVICE_ADDRESS), probe.ref()));
        int offered = Ipv4.toInt(answer(probe.receiveMessage()).yiaddr());

        PersistenceTestKit.create(testKit.system()).failNextPersisted("Lease4|" + entityId);
        lease.tell(new Lease4Entity.Handle(c.requestSelecting(SERVICE_ADDRESS, offered), TestPolicies.SUBNET_ID,
                ip(SERVICE_ADDRESS), probe.ref()));
        probe.expectNoMessage(Duration.ofSeconds(2));
    }

    @Test
    void aLeaseSurvivesARestartOfItsEntity() {
        var c = new ClientMessages4(42);
        var kit = lease(c);
        int addr = dora(kit, c);
        kit.restart();
        assertEquals(addr, kit.getState().address());
        var renew = send(kit, c.newTransaction().requestRenewing(Ipv4.format(addr)));
        assertEquals(addr, Ipv4.toInt(answer(renew.reply()).yiaddr()));
    }
}
