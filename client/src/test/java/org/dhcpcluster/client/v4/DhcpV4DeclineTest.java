package org.dhcpcluster.client.v4;

import static org.dhcpcluster.client.v4.V4Harness.ADDRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.junit.jupiter.api.Test;

/** RFC 2131 section 3.1 step 5: an acknowledged address found in use is declined; INIT waits 10 s. */
class DhcpV4DeclineTest {
    private final List<Inet4Address> checked = new ArrayList<>();
    private final V4Harness h = new V4Harness(DhcpV4ClientConfig.builder(V4Harness.MAC)
            .addressInUse(a -> checked.add(a) && a.equals(ADDRESS)).build());

    @Test
    void anAddressInUseIsDeclinedByBroadcastAndDiscoveryWaitsTenSeconds() {
        h.client.start();
        h.deliver(h.server.offer(h.lastSent(DhcpMessageType.DISCOVER), ADDRESS, 600));
        h.deliver(h.server.ack(h.lastSent(DhcpMessageType.REQUEST), ADDRESS, 600));

        DhcpV4Message decline = h.lastSent(DhcpMessageType.DECLINE);
        assertEquals(List.of(ADDRESS), checked);
        assertEquals(V4Destinations.BROADCAST, h.transport.last().destination());
        assertEquals(ADDRESS, decline.requestedIpAddress().orElseThrow());
        assertEquals(h.server.id(), decline.serverIdentifier().orElseThrow());
        assertTrue(Ipv4.isUnspecified(decline.ciaddr()));
        assertTrue(Ipv4.isUnspecified(decline.yiaddr()));
        assertEquals(0, decline.secs());
        assertEquals(DhcpV4ClientState.INIT, h.client.state());
        assertTrue(h.client.lease().isEmpty());
        assertTrue(h.events.contains("declined 192.0.2.10"));
        assertTrue(h.events.stream().noneMatch(e -> e.startsWith("bound")), "a declined address is never bound");

        int sent = h.transport.count();
        h.scheduler.advance(Duration.ofMillis(9999));
        assertEquals(sent, h.transport.count());
        h.scheduler.advance(Duration.ofMillis(1));
        DhcpV4Message discover = h.lastSent(DhcpMessageType.DISCOVER);
        assertTrue(discover.requestedIpAddress().isEmpty(), "the declined address is not asked for again");
    }

    @Test
    void aFreeAddressIsCheckedAndBound() {
        h.client.start();
        h.deliver(h.server.offer(h.lastSent(DhcpMessageType.DISCOVER), V4Harness.OTHER_ADDRESS, 600));
        h.deliver(h.server.ack(h.lastSent(DhcpMessageType.REQUEST), V4Harness.OTHER_ADDRESS, 600));

        assertEquals(List.of(V4Harness.OTHER_ADDRESS), checked);
        assertEquals(DhcpV4ClientState.BOUND, h.client.state());
    }

    @Test
    void theRestartDelayCannotBeShorterThanTenSeconds() {
        var builder = DhcpV4ClientConfig.builder(V4Harness.MAC);
        assertThrows(IllegalArgumentException.class,
                () -> builder.declineRestartDelay(Duration.ofSeconds(9)));
    }
}
