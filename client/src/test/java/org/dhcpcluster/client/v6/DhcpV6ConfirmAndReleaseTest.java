package org.dhcpcluster.client.v6;

import static org.dhcpcluster.client.v6.V6Harness.ADDRESS;
import static org.dhcpcluster.client.v6.V6Harness.address;
import static org.dhcpcluster.client.v6.V6Harness.prefix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.StatusCode;
import org.junit.jupiter.api.Test;

/** CONFIRM after a link change or a restart (RFC 8415 sections 18.2.3, 18.2.12) and RELEASE (18.2.7). */
class DhcpV6ConfirmAndReleaseTest {
    private final V6Harness h = new V6Harness();

    @Test
    void aLinkChangeConfirmsTheAddressesAndSuccessKeepsThem() {
        DhcpV6Lease lease = h.bind(1000, 1600, 2000, 3000);
        h.client.linkChanged();
        h.scheduler.advance(TransmissionConstants.CNF_MAX_DELAY);

        ClientServerMessage confirm = h.lastSent(DhcpV6MessageType.CONFIRM);
        assertEquals(V6Destinations.MULTICAST, h.transport.last().destination());
        assertTrue(confirm.serverId().isEmpty(), "CONFIRM goes to any server");
        assertEquals(ADDRESS, confirm.iaNa().get(0).addresses().get(0).address());
        assertEquals(0, confirm.iaNa().get(0).addresses().get(0).validLifetime());

        h.deliver(h.server.replyStatus(confirm, StatusCode.SUCCESS));

        assertEquals(DhcpV6ClientState.BOUND, h.client.state());
        assertEquals(lease.bindings(), h.client.lease().orElseThrow().bindings(), "CONFIRM changes no lifetime");
        assertEquals("CONFIRMING->BOUND", h.events.get(h.events.size() - 1), "nothing new to configure");
    }

    @Test
    void notOnLinkSendsTheClientBackToSoliciting() {
        h.bind(1000, 1600, 2000, 3000);
        h.client.linkChanged();
        h.scheduler.advance(TransmissionConstants.CNF_MAX_DELAY);

        h.deliver(h.server.replyStatus(h.lastSent(DhcpV6MessageType.CONFIRM), StatusCode.NOT_ON_LINK));

        assertTrue(h.events.contains("notOnLink 2001:db8::10"));
        assertEquals(DhcpV6ClientState.SOLICITING, h.client.state());
        assertTrue(h.client.lease().isEmpty());
        h.lastSent(DhcpV6MessageType.SOLICIT);
    }

    @Test
    void aRememberedLeaseIsConfirmedBeforeItIsUsed() {
        DhcpV6Lease lease = h.bind(1000, 1600, 2000, 3000);
        h.client.stop();
        h.scheduler.advance(Duration.ofMinutes(10));

        h.client.start(lease);
        h.scheduler.advance(TransmissionConstants.CNF_MAX_DELAY);
        h.deliver(h.server.replyStatus(h.lastSent(DhcpV6MessageType.CONFIRM), StatusCode.SUCCESS));

        assertEquals(List.of("BOUND->STOPPED", "STOPPED->CONFIRMING", "CONFIRMING->BOUND", "bound 2001:db8::10"),
                h.events.subList(h.events.indexOf("BOUND->STOPPED"), h.events.size()));
    }

    @Test
    void rememberedPrefixesAreReboundInsteadOfConfirmed() {
        V6Harness pd = new V6Harness(DhcpV6ClientConfig.builder(V6Harness.MAC).iaPd(7).build());
        pd.client.start();
        pd.deliver(pd.server.advertise(pd.lastSent(DhcpV6MessageType.SOLICIT), 255, V6TestServer.pd(7, 0, 0, prefix(100, 200))));
        pd.deliver(pd.server.reply(pd.lastSent(DhcpV6MessageType.REQUEST), V6TestServer.pd(7, 1000, 1600, prefix(2000, 3000))));
        DhcpV6Lease lease = pd.client.lease().orElseThrow();
        pd.client.stop();

        pd.client.start(lease);

        ClientServerMessage rebind = pd.lastSent(DhcpV6MessageType.REBIND);
        assertEquals(V6Harness.PREFIX, rebind.iaPd().get(0).prefixes().get(0).prefix());
        pd.deliver(pd.server.reply(rebind, V6TestServer.pd(7, 1000, 1600, prefix(2000, 3000))));
        assertEquals("bound 2001:db8:100::/56", pd.events.get(pd.events.size() - 1));
    }

    @Test
    void anExpiredRememberedLeaseIsNotConfirmedButSolicitedAnew() {
        DhcpV6Lease lease = h.bind(1000, 1600, 2000, 3000);
        h.client.stop();
        h.scheduler.advance(Duration.ofSeconds(3000));

        h.client.start(lease);

        assertEquals(DhcpV6ClientState.SOLICITING, h.client.state());
    }

    @Test
    void releaseGivesTheLeasesUpAtOnceNamesTheServerAndEndsAtItsReply() {
        h.bind(1000, 1600, 2000, 3000);

        h.client.release();

        assertEquals("released 2001:db8::10", h.events.get(h.events.size() - 1), "stop using the address now");
        assertEquals(Optional.empty(), h.client.lease());
        ClientServerMessage release = h.lastSent(DhcpV6MessageType.RELEASE);
        assertEquals(V6Destinations.MULTICAST, h.transport.last().destination());
        assertEquals(h.server.id(), release.serverId().orElseThrow());
        assertEquals(ADDRESS, release.iaNa().get(0).addresses().get(0).address());
        assertEquals(DhcpV6ClientState.RELEASING, h.client.state());

        h.deliver(h.server.replyStatus(release, StatusCode.SUCCESS));

        assertEquals(DhcpV6ClientState.STOPPED, h.client.state());
        assertEquals(0, h.scheduler.pendingTasks());
    }

    @Test
    void releaseIsUnicastWhenAllowedAndResentByMulticastWhenTheServerSaysSo() {
        h.server.allowingUnicastTo(V6Harness.SERVER_UNICAST);
        h.bind(1000, 1600, 2000, 3000);
        h.client.release();
        assertEquals(V6Destinations.server(V6Harness.SERVER_UNICAST), h.transport.last().destination());

        h.deliver(h.server.replyStatus(h.lastSent(DhcpV6MessageType.RELEASE), StatusCode.USE_MULTICAST));

        h.lastSent(DhcpV6MessageType.RELEASE);
        assertEquals(V6Destinations.MULTICAST, h.transport.last().destination());
        assertEquals(DhcpV6ClientState.RELEASING, h.client.state());
    }

    @Test
    void thereIsNothingToReleaseOrConfirmWithoutLeases() {
        assertThrows(IllegalStateException.class, h.client::release);
        assertThrows(IllegalStateException.class, h.client::linkChanged);
    }
}
