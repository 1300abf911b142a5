package org.dhcpcluster.client.v4;

import static org.dhcpcluster.client.v4.V4Harness.ADDRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.junit.jupiter.api.Test;

/** RFC 2131 section 4.4.6: DHCPRELEASE, unicast to the server, names the address in ciaddr. */
class DhcpV4ReleaseTest {
    private final V4Harness h = new V4Harness();

    @Test
    void releaseIsUnicastToTheServerAndStopsTheClient() {
        h.bind(3600, 1800, 3150);
        h.scheduler.advance(Duration.ofSeconds(100));

        h.client.release();

        DhcpV4Message release = h.lastSent(DhcpMessageType.RELEASE);
        assertEquals(V4Destinations.server(h.server.id()), h.transport.last().destination());
        assertEquals(ADDRESS, release.ciaddr());
        assertEquals(h.server.id(), release.serverIdentifier().orElseThrow());
        assertTrue(release.requestedIpAddress().isEmpty(), "option 50 MUST NOT be in a DHCPRELEASE");
        assertEquals(0, release.secs());
        assertEquals(DhcpV4ClientState.STOPPED, h.client.state());
        assertTrue(h.client.lease().isEmpty());
        assertEquals("released 192.0.2.10", h.events.get(h.events.size() - 1));
        assertEquals(0, h.scheduler.pendingTasks(), "no T1, T2 or expiry left to fire");
        int sent = h.transport.count();
        h.scheduler.advance(Duration.ofHours(2));
        assertEquals(sent, h.transport.count());
    }

    @Test
    void releaseWhileRenewingStillGoesToTheServer() {
        DhcpV4Lease lease = h.bind(1000, 500, 875);
        h.scheduler.advanceTo(lease.renewAt());

        h.client.release();

        h.lastSent(DhcpMessageType.RELEASE);
        assertEquals(DhcpV4ClientState.STOPPED, h.client.state());
    }

    @Test
    void thereIsNothingToReleaseWithoutALease() {
        assertThrows(IllegalStateException.class, h.client::release);
        h.client.start();
        assertThrows(IllegalStateException.class, h.client::release);
    }
}
