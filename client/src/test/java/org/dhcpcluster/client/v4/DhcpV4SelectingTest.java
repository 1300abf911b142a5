package org.dhcpcluster.client.v4;

import static org.dhcpcluster.client.v4.V4Harness.ADDRESS;
import static org.dhcpcluster.client.v4.V4Harness.OTHER_ADDRESS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.OptionCode;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;
import org.junit.jupiter.api.Test;

/** INIT, SELECTING, REQUESTING, BOUND: the DISCOVER-OFFER-REQUEST-ACK exchange (RFC 2131 section 3.1). */
class DhcpV4SelectingTest {
    private final V4Harness h = new V4Harness();

    @Test
    void startBroadcastsADiscoverAndSelects() {
        h.client.start();

        DhcpV4Message discover = h.lastSent(DhcpMessageType.DISCOVER);
        assertEquals(V4Destinations.BROADCAST, h.transport.last().destination());
        assertEquals(DhcpV4Message.BOOTREQUEST, discover.op());
        assertArrayEquals(V4Harness.MAC, discover.clientHardwareAddress());
        assertEquals(0, discover.secs());
        assertTrue(Ipv4.isUnspecified(discover.ciaddr()));
        assertTrue(discover.serverIdentifier().isEmpty());
        assertEquals(DhcpV4ClientConfig.DEFAULT_PARAMETER_REQUEST_LIST, discover.parameterRequestList());
        assertEquals(List.of("STOPPED->INIT", "INIT->SELECTING"), h.events);
    }

    @Test
    void theFirstOfferIsRequestedWithItsServerAndAddressAndTheDiscoversXidAndSecs() {
        h.client.start();
        h.scheduler.advance(Duration.ofSeconds(5));           // one DISCOVER retransmission, secs now 4 or 5
        DhcpV4Message discover = h.lastSent(DhcpMessageType.DISCOVER);
        assertEquals(2, h.transport.count());
        assertTrue(discover.secs() >= 3, "secs counts from the first DISCOVER: " + discover.secs());

        h.scheduler.advance(Duration.ofSeconds(2));
        h.deliver(h.server.offer(discover, ADDRESS, 3600));

        DhcpV4Message request = h.lastSent(DhcpMessageType.REQUEST);
        assertEquals(V4Destinations.BROADCAST, h.transport.last().destination());
        assertEquals(discover.xid(), request.xid());
        assertEquals(discover.secs(), request.secs(), "RFC 2131 4.4.1: same secs as the DISCOVER");
        assertEquals(ADDRESS, request.requestedIpAddress().orElseThrow());
        assertEquals(h.server.id(), request.serverIdentifier().orElseThrow());
        assertTrue(Ipv4.isUnspecified(request.ciaddr()));
        assertEquals(DhcpV4ClientState.REQUESTING, h.client.state());
    }

    @Test
    void anAckBindsWithTimesCountedFromTheFirstRequest() {
        h.client.start();
        h.deliver(h.server.offer(h.lastSent(DhcpMessageType.DISCOVER), ADDRESS, 3600));
        DhcpV4Message request = h.lastSent(DhcpMessageType.REQUEST);
        var requestedAt = h.scheduler.now();
        h.scheduler.advance(Duration.ofSeconds(6));            // one REQUEST retransmission; the ACK answers it

        h.deliver(h.server.ack(h.lastSent(DhcpMessageType.REQUEST), ADDRESS, 3600, 1000, 3000));

        assertEquals(request.xid(), h.lastSent().xid());
        DhcpV4Lease lease = h.client.lease().orElseThrow();
        assertEquals(DhcpV4ClientState.BOUND, h.client.state());
        assertEquals(ADDRESS, lease.address());
        assertEquals(h.server.id(), lease.serverIdentifier());
        assertEquals(requestedAt, lease.obtainedAt());
        assertEquals(requestedAt.plusSeconds(1000), lease.renewAt());
        assertEquals(requestedAt.plusSeconds(3000), lease.rebindAt());
        assertEquals(requestedAt.plusSeconds(3600), lease.expiresAt());
        assertEquals(List.of("STOPPED->INIT", "INIT->SELECTING", "SELECTING->REQUESTING", "REQUESTING->BOUND",
                "bound 192.0.2.10"), h.events);
        assertEquals(3, h.scheduler.pendingTasks(), "T1, T2 and expiry; no retransmission left");
    }

    @Test
    void t1AndT2DefaultToHalfAndSevenEighthsOfTheLease() {
        h.client.start();
        h.deliver(h.server.offer(h.lastSent(DhcpMessageType.DISCOVER), ADDRESS, 1000));
        h.deliver(h.server.ack(h.lastSent(DhcpMessageType.REQUEST), ADDRESS, 1000));

        DhcpV4Lease lease = h.client.lease().orElseThrow();
        assertEquals(Duration.ofSeconds(500), lease.renewalTime());
        assertEquals(Duration.ofMillis(875_000), lease.rebindingTime());
        assertEquals(Duration.ofSeconds(1000), lease.leaseTime());
    }

    @Test
    void anOfferWindowCollectsOffersAndPrefersThePreviousAddress() {
        V4Harness windowed = new V4Harness(DhcpV4ClientConfig.builder(V4Harness.MAC).offerWindow(Duration.ofSeconds(2)).build());
        V4TestServer second = new V4TestServer(Ipv4.parse("192.0.2.2"));
        DhcpV4Lease remembered = windowed.bind(600, 300, 500);
        windowed.client.stop();
        windowed.client.start();                                // a fresh start asks for the address it had
        DhcpV4Message discover = windowed.lastSent(DhcpMessageType.DISCOVER);
        assertEquals(remembered.address(), discover.requestedIpAddress().orElseThrow());

        windowed.deliver(windowed.server.offer(discover, OTHER_ADDRESS, 600));
        windowed.deliver(second.offer(discover, ADDRESS, 600));
        assertEquals(DhcpV4ClientState.SELECTING, windowed.client.state(), "still collecting");
        windowed.scheduler.advance(Duration.ofSeconds(2));

        DhcpV4Message request = windowed.lastSent(DhcpMessageType.REQUEST);
        assertEquals(ADDRESS, request.requestedIpAddress().orElseThrow());
        assertEquals(second.id(), request.serverIdentifier().orElseThrow());
    }

    @Test
    void repliesForOtherTransactionsOrClientsAndUnusableOffersAreIgnored() {
        h.client.start();
        DhcpV4Message discover = h.lastSent(DhcpMessageType.DISCOVER);

        DhcpV4Message otherXid = discover.toBuilder().xid(discover.xid() + 1).build();
        DhcpV4Message otherClient = discover.toBuilder().clientHardwareAddress(new byte[] {2, 0, 0, 0, 0, 9}).build();
        assertFalse(h.client.receive(h.server.offer(otherXid, ADDRESS, 600)));
        assertFalse(h.client.receive(h.server.offer(otherClient, ADDRESS, 600)));
        assertFalse(h.client.receive(h.server.offer(discover, Ipv4.ANY, 600)), "an offer of no address");
        assertFalse(h.client.receive(h.server.ack(discover, ADDRESS, 600)), "an ACK while selecting");
        assertFalse(h.client.receive(new byte[] {1, 2, 3}), "not DHCP at all");

        assertEquals(DhcpV4ClientState.SELECTING, h.client.state());
        assertEquals(1, h.transport.count());
    }

    @Test
    void anOfferWithoutServerIdentifierCannotBeRequested() {
        h.client.start();
        DhcpV4Message discover = h.lastSent(DhcpMessageType.DISCOVER);
        byte[] offer = DhcpV4Codec.encode(DhcpV4Message.replyTo(discover).yiaddr(ADDRESS)
                .messageType(DhcpMessageType.OFFER).uint32(OptionCode.IP_ADDRESS_LEASE_TIME, 600).build(),
                DhcpV4Codec.DEFAULT_MAX_PAYLOAD);

        assertFalse(h.client.receive(offer));
        assertEquals(DhcpV4ClientState.SELECTING, h.client.state());
    }
}
