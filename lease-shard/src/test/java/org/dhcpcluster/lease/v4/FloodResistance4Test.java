package org.dhcpcluster.lease.v4;

import static org.dhcpcluster.lease.testing.TestPolicies.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dhcpcluster.lease.partition.Decision;
import org.dhcpcluster.lease.partition.FloodLimits;
import org.dhcpcluster.lease.partition.Holder;
import org.dhcpcluster.lease.partition.PartitionEvent;
import org.dhcpcluster.lease.partition.PartitionState;
import org.dhcpcluster.lease.testing.DecidingPartition;
import org.dhcpcluster.lease.testing.TestPolicies;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.junit.jupiter.api.Test;

/**
 * Flood resistance of the DHCPv4 decisions (issue 12), on the pure rules without actors: offers
 * hold at most a share of the free addresses, DECLINEs quarantine within per-client and
 * per-partition limits. Pool: 192.0.2.100-199 (100 addresses, one partition); defaults: 50 %
 * for offers, 3 DECLINEs per client per hour, 10 % quarantined.
 */
class FloodResistance4Test {
    private static final int POOL = 100;
    private static final long NOW = 1_800_000_000_000L;
    private static final Block4 BLOCK = new Block4(ip("192.0.2.0"));

    private Policy4 policy = TestPolicies.lan();
    private final DecidingPartition partition = new DecidingPartition(new Rules4(() -> policy), BLOCK);
    private int xid = 1;

    private static Holder client(int n) {
        return new Holder(TestPolicies.SUBNET_ID, ClientKey4.ofHardware(1, mac(n)));
    }

    private static byte[] mac(int n) {
        return new byte[] {0x02, 0x66, 0, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    private Request4 message(Holder h, DhcpMessageType type, int address, boolean selecting) {
        return new Request4(h, xid++, type.code(), 0, NOW, Request4.Find.ANY, address, selecting, -1,
                ClientKey4.hardwareAddress(h.key()), null, 0);
    }

    private Answer4 discover(Holder h, long now) {
        return (Answer4) partition.answer(message(h, DhcpMessageType.DISCOVER, 0, false), now);
    }

    private Answer4 requestSelecting(Holder h, int address, long now) {
        return (Answer4) partition.answer(message(h, DhcpMessageType.REQUEST, address, true), now);
    }

    private Decision decline(Holder h, int address, long now) {
        return partition.decide(message(h, DhcpMessageType.DECLINE, address, false), now);
    }

    private int offered(Holder h, long now) {
        return assertInstanceOf(Answer4.Offer.class, discover(h, now)).address();
    }

    /** DISCOVERs from {@code count} clients never seen again, all within one offer-hold window. */
    private void flood(int firstClient, int count) {
        flood(firstClient, count, NOW);
    }

    private void flood(int firstClient, int count, long now) {
        for (int i = 0; i < count; i++) {
            assertInstanceOf(Answer4.Offer.class, discover(client(firstClient + i), now),
                    "a flood DISCOVER is still offered an address (a real client's might be among them)");
        }
    }

    /**
     * Every address of the pool leased once and the leases ended (free again, none never-used:
     * the state a busy LAN lives in), then flood offers holding the whole share. Returns that time.
     */
    private long everyLeaseEndedAndTheShareHeld() {
        for (int i = 0; i < POOL; i++) {
            Holder h = client(i);
            assertInstanceOf(Answer4.Ack.class, requestSelecting(h, offered(h, NOW), NOW));
        }
        long later = NOW + Duration.ofDays(30).toMillis();
        flood(1000, POOL / 2, later);
        return later;
    }


    private int quarantined(long now) {
        PartitionState s = partition.state();
        int n = 0;
        for (int o = 0; o < BLOCK.size(); o++) {
            n += s.quarantined(o, now) ? 1 : 0;
        }
        return n;
    }

    private static Answer4.Silence silence(Decision d) {
        return assertInstanceOf(Answer4.Silent.class, d.answer()).reason();
    }

    // ---- offers ----------------------------------------------------------------------------

    @Test
    void aDiscoverFloodFromFourTimesThePoolLeavesARealClientAnOfferAndAnAck() {
        flood(1000, POOL * 4);
        assertEquals(POOL / 2, partition.state().holds().live(NOW), "offers hold half the free addresses, no more");
        Holder real = client(1);
        int address = offered(real, NOW + 5);
        var ack = assertInstanceOf(Answer4.Ack.class, requestSelecting(real, address, NOW + 10));
        assertEquals(address, ack.address());
    }

    @Test
    void offersBeyondTheShareHoldNothing() {
        flood(1000, POOL / 2);
        Decision d = partition.decide(message(client(1), DhcpMessageType.DISCOVER, 0, false), NOW);
        assertInstanceOf(Answer4.Offer.class, d.answer());
        assertEquals(-1, d.holdOffset(), "the share is full: offered without a hold");
    }

    @Test
    void anUnheldOfferTakenMeanwhileIsNakedAndTheClientIsOfferedAnother() {
        flood(1000, POOL / 2);
        Holder late = client(1);
        int address = offered(late, NOW);
        // Someone else asks for that very address first (INIT-REBOOT; it is free and not held).
        assertInstanceOf(Answer4.Ack.class, partition.answer(message(client(2), DhcpMessageType.REQUEST, address, false), NOW + 1));
        assertInstanceOf(Answer4.Nak.class, requestSelecting(late, address, NOW + 2));
        int again = offered(late, NOW + 3);
        assertTrue(again != address);
        assertInstanceOf(Answer4.Ack.class, requestSelecting(late, again, NOW + 4));
    }

    @Test
    void theShareIsOfTheFreeAddressesNotOfThePool() {
        for (int i = 0; i < 60; i++) {
            Holder h = client(i);
            assertInstanceOf(Answer4.Ack.class, requestSelecting(h, offered(h, NOW), NOW));
        }
        flood(1000, POOL * 4);
        assertEquals(20, partition.state().holds().live(NOW), "half of the 40 addresses still free");
    }

    @Test
    void unheldOffersToClientsArrivingTogetherNameDifferentAddressesWhenNoneIsNeverUsed() {
        long later = everyLeaseEndedAndTheShareHeld();
        // A burst of real clients beyond the share (a partition back after a shard move):
        // their offers hold nothing, so only their addresses keep them from meeting at REQUEST.
        Map<Holder, Integer> offers = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            Holder h = client(2000 + i);
            Decision d = partition.decide(message(h, DhcpMessageType.DISCOVER, 0, false), later);
            assertEquals(-1, d.holdOffset(), "beyond the share");
            offers.put(h, assertInstanceOf(Answer4.Offer.class, d.answer()).address());
        }
        assertEquals(20, new HashSet<>(offers.values()).size(), "twenty clients offered at once, twenty different addresses");
        offers.forEach((h, address) -> assertInstanceOf(Answer4.Ack.class, requestSelecting(h, address, later + 1),
                "each REQUEST is acknowledged"));
    }

    @Test
    void anOfferThatHoldsIsNotMadeOfAnAddressJustOfferedWithoutAHold() {
        long later = everyLeaseEndedAndTheShareHeld();
        Holder unheld = client(2000);
        Decision first = partition.decide(message(unheld, DhcpMessageType.DISCOVER, 0, false), later);
        assertEquals(-1, first.holdOffset(), "beyond the share");
        int address = assertInstanceOf(Answer4.Offer.class, first.answer()).address();
        // Two flood offers are taken up (bound): the share has room again, and the next offer holds.
        for (int i = 0; i < 2; i++) {
            Holder h = client(1000 + i);
            int its = BLOCK.addressAt(partition.state().holds().offeredTo(h, later));
            assertInstanceOf(Answer4.Ack.class, requestSelecting(h, its, later + 1));
        }
        Holder held = client(2001);
        Decision second = partition.decide(message(held, DhcpMessageType.DISCOVER, 0, false), later + 2);
        assertTrue(second.holdOffset() >= 0, "within the share again");
        assertTrue(assertInstanceOf(Answer4.Offer.class, second.answer()).address() != address,
                "a hold would take the address from the client offered it a moment ago");
        assertInstanceOf(Answer4.Ack.class, requestSelecting(unheld, address, later + 3));
    }

    @Test
    void aClientAlreadyHoldingAnOfferKeepsItsHoldWhenTheShareIsFull() {
        Holder early = client(1);
        int address = offered(early, NOW);
        flood(1000, POOL * 4);
        Decision d = partition.decide(message(early, DhcpMessageType.DISCOVER, 0, false), NOW + 1);
        assertEquals(address, assertInstanceOf(Answer4.Offer.class, d.answer()).address());
        assertEquals(BLOCK.offsetOf(address), d.holdOffset());
    }

    @Test
    void holdsThatRunOutMakeRoomForNewOnes() {
        flood(1000, POOL);
        long later = NOW + policy.offerHold().toMillis();
        assertEquals(0, partition.state().holds().live(later));
        Decision d = partition.decide(message(client(1), DhcpMessageType.DISCOVER, 0, false), later);
        assertTrue(d.holdOffset() >= 0);
    }

    @Test
    void aShareOfAHundredPercentHoldsEveryAddressAsBefore() {
        policy = new Policy4(policy.serviceAddress(), policy.subnets(), policy.offerHold(), policy.declineQuarantine(),
                new FloodLimits(100, 3, Duration.ofHours(1), 10));
        flood(1000, POOL);
        assertInstanceOf(Answer4.Elsewhere.class, discover(client(1), NOW));
    }

    // ---- DECLINE ---------------------------------------------------------------------------

    @Test
    void aSingleDeclineIsHonouredAsBefore() {
        Holder h = client(1);
        int address = offered(h, NOW);
        Decision d = decline(h, address, NOW + 1);
        assertEquals(Answer4.Silence.NO_REPLY_EXPECTED, silence(d));
        var declined = assertInstanceOf(PartitionEvent.Declined.class, d.events().get(0));
        assertEquals(NOW + 1 + policy.declineQuarantine().toMillis(), declined.quarantinedUntil());
        assertTrue(partition.state().quarantined(BLOCK.offsetOf(address), NOW + 2));
    }

    @Test
    void aClientDecliningAgainAndAgainQuarantinesAtMostItsLimit() {
        Holder h = client(1);
        for (int i = 0; i < 6; i++) {
            int address = offered(h, NOW + i);
            Decision d = decline(h, address, NOW + i);
            if (i < 3) {
                assertEquals(Answer4.Silence.NO_REPLY_EXPECTED, silence(d));
            } else {
                assertEquals(Answer4.Silence.DECLINE_CLIENT_LIMIT, silence(d));
                assertEquals(List.of(), d.events(), "nothing journaled: the offer is simply let go");
                assertTrue(d.releaseHold());
                assertFalse(partition.state().quarantined(BLOCK.offsetOf(address), NOW + i));
            }
        }
        assertEquals(3, quarantined(NOW + 10));
        // An hour on, the client's earlier DECLINEs no longer count.
        long later = NOW + Duration.ofHours(1).toMillis() + 10;
        Decision d = decline(h, offered(h, later), later);
        assertEquals(Answer4.Silence.NO_REPLY_EXPECTED, silence(d));
    }

    @Test
    void manyClientsDecliningQuarantineAtMostTheShare() {
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            Holder h = client(1000 + i);
            Decision d = decline(h, offered(h, NOW), NOW);
            refused += silence(d) == Answer4.Silence.DECLINE_QUARANTINE_FULL ? 1 : 0;
        }
        assertEquals(POOL / 10, quarantined(NOW), "10 % of the pool");
        assertEquals(40 - POOL / 10, refused);
        Holder real = client(1);
        assertInstanceOf(Answer4.Ack.class, requestSelecting(real, offered(real, NOW), NOW));
    }

    @Test
    void aBoundAddressDeclinedBeyondTheLimitIsReleasedNotQuarantined() {
        policy = new Policy4(policy.serviceAddress(), policy.subnets(), policy.offerHold(), policy.declineQuarantine(),
                new FloodLimits(50, 0, Duration.ofHours(1), 10));
        Holder h = client(1);
        int address = offered(h, NOW);
        assertInstanceOf(Answer4.Ack.class, requestSelecting(h, address, NOW));
        Decision d = decline(h, address, NOW + 1);
        assertEquals(Answer4.Silence.DECLINE_CLIENT_LIMIT, silence(d));
        assertEquals(new PartitionEvent.Released(BLOCK.offsetOf(address), NOW + 1), d.events().get(0));
        assertFalse(partition.state().quarantined(BLOCK.offsetOf(address), NOW + 2));
        assertFalse(partition.state().slots().boundAt(BLOCK.offsetOf(address), NOW + 2));
    }
}
