package org.dhcpcluster.client.v4;

import static org.dhcpcluster.client.v4.V4Harness.ADDRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.junit.jupiter.api.Test;

/** DHCPNAK sends the client back to INIT (RFC 2131 figure 5), which discovers again after a short delay. */
class DhcpV4NakTest {
    private final V4Harness h = new V4Harness(DhcpV4ClientConfig.builder(V4Harness.MAC)
            .nakRestartDelay(Duration.ofSeconds(3)).build());

    @Test
    void aNakWhileRequestingReturnsToInitAndDiscoversAfterTheDelay() {
        h.client.start();
        h.deliver(h.server.offer(h.lastSent(DhcpMessageType.DISCOVER), ADDRESS, 600));
        DhcpV4Message request = h.lastSent(DhcpMessageType.REQUEST);

        h.deliver(h.server.nak(request));

        assertEquals(DhcpV4ClientState.INIT, h.client.state());
        assertTrue(h.events.containsAll(List.of("REQUESTING->INIT", "nak")));
        int sent = h.transport.count();
        h.scheduler.advance(Duration.ofMillis(2999));
        assertEquals(sent, h.transport.count(), "nothing before the restart delay, not even the old REQUEST");
        h.scheduler.advance(Duration.ofMillis(1));
        DhcpV4Message discover = h.lastSent(DhcpMessageType.DISCOVER);
        assertTrue(discover.requestedIpAddress().isEmpty(), "the NAKed address is not asked for again");
        assertEquals(DhcpV4ClientState.SELECTING, h.client.state());
    }

    @Test
    void aNakWhileRenewingEndsTheLease() {
        DhcpV4Lease lease = h.bind(1000, 500, 875);
        h.scheduler.advanceTo(lease.renewAt());

        h.deliver(h.server.nak(h.lastSent(DhcpMessageType.REQUEST)));

        assertEquals(DhcpV4ClientState.INIT, h.client.state());
        assertTrue(h.client.lease().isEmpty());
        h.scheduler.advanceTo(lease.expiresAt().plusSeconds(1));
        assertTrue(h.events.stream().noneMatch(e -> e.startsWith("expired")), "the lease's own timers are gone");
    }

    @Test
    void aNakFromAServerOtherThanTheChosenOneIsIgnored() {
        h.client.start();
        h.deliver(h.server.offer(h.lastSent(DhcpMessageType.DISCOVER), ADDRESS, 600));

        assertFalse(h.client.receive(new V4TestServer(Ipv4.parse("192.0.2.99")).nak(h.lastSent(DhcpMessageType.REQUEST))));
        assertEquals(DhcpV4ClientState.REQUESTING, h.client.state());
    }
}
