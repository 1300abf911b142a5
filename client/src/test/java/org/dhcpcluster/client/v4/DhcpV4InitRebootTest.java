package org.dhcpcluster.client.v4;

import static org.dhcpcluster.client.v4.V4Harness.ADDRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.DhcpV4Options;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.junit.jupiter.api.Test;

/** RFC 2131 section 3.2: a client that remembers its lease asks for it again in INIT-REBOOT. */
class DhcpV4InitRebootTest {
    private final V4Harness h = new V4Harness();

    private DhcpV4Lease remembered(Duration age, long leaseSeconds) {
        return new DhcpV4Lease(ADDRESS, h.server.id(), h.scheduler.now().minus(age), Duration.ofSeconds(leaseSeconds),
                Duration.ofSeconds(leaseSeconds / 2), Duration.ofSeconds(leaseSeconds * 7 / 8), DhcpV4Options.empty());
    }

    @Test
    void aRememberedLeaseIsRequestedByBroadcastWithoutServerIdentifier() {
        h.client.start(remembered(Duration.ofMinutes(5), 3600));

        DhcpV4Message request = h.lastSent(DhcpMessageType.REQUEST);
        assertEquals(List.of("STOPPED->INIT_REBOOT", "INIT_REBOOT->REBOOTING"), h.events);
        assertEquals(V4Destinations.BROADCAST, h.transport.last().destination());
        assertEquals(ADDRESS, request.requestedIpAddress().orElseThrow());
        assertTrue(request.serverIdentifier().isEmpty(), "INIT-REBOOT: option 54 MUST NOT be sent");
        assertTrue(Ipv4.isUnspecified(request.ciaddr()));

        h.deliver(h.server.ack(request, ADDRESS, 3600));

        assertEquals(DhcpV4ClientState.BOUND, h.client.state());
        assertEquals("bound 192.0.2.10", h.events.get(h.events.size() - 1));
        assertEquals(h.scheduler.now().plusSeconds(1800), h.client.lease().orElseThrow().renewAt());
    }

    @Test
    void aNakWhileRebootingSendsTheClientToInit() {
        h.client.start(remembered(Duration.ofMinutes(5), 3600));

        h.deliver(h.server.nak(h.lastSent(DhcpMessageType.REQUEST)));

        assertEquals(DhcpV4ClientState.INIT, h.client.state());
        h.scheduler.advance(Duration.ofSeconds(3));
        assertTrue(h.lastSent(DhcpMessageType.DISCOVER).requestedIpAddress().isEmpty());
    }

    @Test
    void anUnansweredRebootFallsBackToDiscoveryOfTheSameAddress() {
        h.client.start(remembered(Duration.ofMinutes(5), 3600));
        h.scheduler.advance(Duration.ofSeconds(4 + 8 + 16 + 32 + 4));

        assertEquals(4, h.transport.sent().stream()
                .filter(s -> V4Harness.decode(s.payload()).messageType().orElseThrow().equals(DhcpMessageType.REQUEST)).count());
        DhcpV4Message discover = h.sent(4);
        assertEquals(DhcpMessageType.DISCOVER, discover.messageType().orElseThrow());
        assertEquals(ADDRESS, discover.requestedIpAddress().orElseThrow());
    }

    @Test
    void anExpiredRememberedLeaseOnlyHintsTheAddressToDiscover() {
        h.client.start(remembered(Duration.ofHours(2), 3600));

        DhcpV4Message discover = h.lastSent(DhcpMessageType.DISCOVER);
        assertEquals(ADDRESS, discover.requestedIpAddress().orElseThrow());
        assertEquals(DhcpV4ClientState.SELECTING, h.client.state());
    }
}
