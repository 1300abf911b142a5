package org.dhcpcluster.client.v4;

import static org.dhcpcluster.client.v4.V4Harness.ADDRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dhcpcluster.client.testing.CapturingTransport.Sent;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.junit.jupiter.api.Test;

/** BOUND, RENEWING at T1, REBINDING at T2, INIT at expiry (RFC 2131 section 4.4.5). */
class DhcpV4LeaseLifecycleTest {
    private final V4Harness h = new V4Harness();

    @Test
    void renewsByUnicastAtT1RebindsByBroadcastAtT2AndStartsOverAtExpiry() {
        DhcpV4Lease lease = h.bind(3600, 1800, 3150);
        int bound = h.transport.count();

        h.scheduler.advanceTo(lease.renewAt());
        assertEquals(DhcpV4ClientState.RENEWING, h.client.state());
        DhcpV4Message renew = h.lastSent(DhcpMessageType.REQUEST);
        assertEquals(V4Destinations.server(h.server.id()), h.transport.last().destination());
        assertEquals(ADDRESS, renew.ciaddr());
        assertTrue(renew.requestedIpAddress().isEmpty(), "RENEWING: option 50 MUST NOT be sent");
        assertTrue(renew.serverIdentifier().isEmpty(), "RENEWING: option 54 MUST NOT be sent");

        h.scheduler.advanceTo(lease.rebindAt().minusMillis(1));
        List<Sent> renewing = h.transport.sent().subList(bound, h.transport.count());
        assertRetransmittedAtHalfTheRemainingTimeButNotSoonerThan60s(renewing, lease.rebindAt());

        h.scheduler.advanceTo(lease.rebindAt());
        assertEquals(DhcpV4ClientState.REBINDING, h.client.state());
        DhcpV4Message rebind = h.lastSent(DhcpMessageType.REQUEST);
        assertEquals(V4Destinations.BROADCAST, h.transport.last().destination());
        assertEquals(ADDRESS, rebind.ciaddr());
        assertTrue(rebind.serverIdentifier().isEmpty());
        int rebindingFrom = h.transport.count() - 1;

        h.scheduler.advanceTo(lease.expiresAt().minusMillis(1));
        assertRetransmittedAtHalfTheRemainingTimeButNotSoonerThan60s(
                h.transport.sent().subList(rebindingFrom, h.transport.count()), lease.expiresAt());
        assertTrue(h.transport.sent().subList(rebindingFrom, h.transport.count()).stream()
                .allMatch(s -> s.destination().equals(V4Destinations.BROADCAST)));

        h.scheduler.advanceTo(lease.expiresAt());
        assertTrue(h.events.containsAll(List.of("BOUND->RENEWING", "RENEWING->REBINDING", "REBINDING->INIT",
                "expired 192.0.2.10", "INIT->SELECTING")), h.events.toString());
        assertEquals(DhcpV4ClientState.SELECTING, h.client.state());
        assertEquals(V4Destinations.BROADCAST, h.transport.last().destination());
        DhcpV4Message discover = h.lastSent(DhcpMessageType.DISCOVER);
        assertEquals(ADDRESS, discover.requestedIpAddress().orElseThrow(), "the expired address is worth asking for");
        assertTrue(h.client.lease().isEmpty());
    }

    private static void assertRetransmittedAtHalfTheRemainingTimeButNotSoonerThan60s(List<Sent> sent, Instant deadline) {
        assertTrue(sent.size() >= 3, "several retransmissions fit: " + sent.size());
        for (int i = 1; i < sent.size(); i++) {
            Instant previous = sent.get(i - 1).at();
            Duration remaining = Duration.between(previous, deadline);
            Duration expected = remaining.dividedBy(2).compareTo(Duration.ofSeconds(60)) < 0
                    ? Duration.ofSeconds(60) : remaining.dividedBy(2);
            assertEquals(expected, Duration.between(previous, sent.get(i).at()), "retransmission " + i);
            assertTrue(sent.get(i).at().isBefore(deadline));
        }
        Instant last = sent.get(sent.size() - 1).at();
        Duration left = Duration.between(last, deadline);
        assertTrue(left.dividedBy(2).compareTo(left) < 0 && Duration.ofSeconds(60).compareTo(left) >= 0,
                "no retransmission would fit before the deadline: " + left + " left");
    }

    @Test
    void anAckWhileRenewingExtendsTheLeaseFromTheRenewalRequest() {
        DhcpV4Lease first = h.bind(1000, 500, 875);
        h.scheduler.advanceTo(first.renewAt());
        Instant renewalSent = h.scheduler.now();
        h.scheduler.advance(Duration.ofSeconds(3));

        h.deliver(h.server.ack(h.lastSent(DhcpMessageType.REQUEST), ADDRESS, 1000, 500, 875));

        DhcpV4Lease renewed = h.client.lease().orElseThrow();
        assertEquals(DhcpV4ClientState.BOUND, h.client.state());
        assertEquals(renewalSent, renewed.obtainedAt());
        assertEquals(renewalSent.plusSeconds(500), renewed.renewAt());
        assertEquals("renewed 192.0.2.10", h.events.get(h.events.size() - 1));
        assertEquals(3, h.scheduler.pendingTasks(), "only the new lease's T1, T2 and expiry");
    }

    @Test
    void anAckWhileRebindingMayComeFromAnotherServer() {
        DhcpV4Lease first = h.bind(1000, 500, 875);
        h.scheduler.advanceTo(first.rebindAt());
        V4TestServer other = new V4TestServer(Ipv4.parse("192.0.2.2"));

        h.deliver(other.ack(h.lastSent(DhcpMessageType.REQUEST), ADDRESS, 1000));

        assertEquals(other.id(), h.client.lease().orElseThrow().serverIdentifier());
        h.scheduler.advanceTo(h.client.lease().orElseThrow().renewAt());
        assertEquals(V4Destinations.server(other.id()), h.transport.last().destination(), "RENEW goes to the new server");
    }

    @Test
    void renewNowUnicastsTheRenewalBeforeT1AndKeepsT2() {
        DhcpV4Lease lease = h.bind(3600, 1800, 3150);
        h.scheduler.advance(Duration.ofSeconds(100));

        h.client.renewNow();

        assertEquals(DhcpV4ClientState.RENEWING, h.client.state());
        DhcpV4Message renew = h.lastSent(DhcpMessageType.REQUEST);
        assertEquals(ADDRESS, renew.ciaddr());
        assertEquals(V4Destinations.server(h.server.id()), h.transport.last().destination());
        int sent = h.transport.count();
        h.scheduler.advanceTo(lease.renewAt());
        assertEquals(DhcpV4ClientState.RENEWING, h.client.state(), "the old T1 no longer fires");
        assertTrue(h.transport.count() <= sent + 1, "only section 4.4.5's retransmission, at half the time to T2");
        h.scheduler.advanceTo(lease.rebindAt());
        assertEquals(DhcpV4ClientState.REBINDING, h.client.state());
    }

    @Test
    void anAckToAnEarlyRenewalExtendsTheLeaseFromThatRenewal() {
        h.bind(3600, 1800, 3150);
        h.scheduler.advance(Duration.ofSeconds(100));
        Instant renewalSent = h.scheduler.now();
        h.client.renewNow();

        h.deliver(h.server.ack(h.lastSent(DhcpMessageType.REQUEST), ADDRESS, 3600, 1800, 3150));

        assertEquals(DhcpV4ClientState.BOUND, h.client.state());
        assertEquals(renewalSent.plusSeconds(1800), h.client.lease().orElseThrow().renewAt());
        assertEquals("renewed 192.0.2.10", h.events.get(h.events.size() - 1));
    }

    @Test
    void renewNowIsRefusedWithoutALease() {
        assertThrows(IllegalStateException.class, h.client::renewNow);
    }

    @Test
    void anInfiniteLeaseHasNoTimers() {
        h.bind(DhcpV4Lease.INFINITE_SECONDS, 0, 0);
        assertTrue(h.client.lease().orElseThrow().isInfinite());
        assertEquals(0, h.scheduler.pendingTasks());
    }
}
