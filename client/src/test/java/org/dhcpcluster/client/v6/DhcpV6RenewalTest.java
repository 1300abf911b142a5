package org.dhcpcluster.client.v6;

import static org.dhcpcluster.client.v6.V6Harness.ADDRESS;
import static org.dhcpcluster.client.v6.V6Harness.OTHER_ADDRESS;
import static org.dhcpcluster.client.v6.V6Harness.address;
import static org.dhcpcluster.client.v6.V6Harness.prefix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.StatusCode;
import org.dhcpcluster.protocol.v6.option.IaAddress;
import org.dhcpcluster.protocol.v6.option.IaType;
import org.junit.jupiter.api.Test;

/** BOUND, RENEW at T1, REBIND at T2, expiry; NoBinding and UseMulticast (RFC 8415 sections 18.2.4, 18.2.5, 18.2.10). */
class DhcpV6RenewalTest {
    private final V6Harness h = new V6Harness();

    @Test
    void renewGoesToTheServerByUnicastWhenAllowedAndRebindGoesToAllServersWithoutServerId() {
        h.server.allowingUnicastTo(V6Harness.SERVER_UNICAST);
        DhcpV6Lease lease = h.bind(1000, 1600, 2000, 3000);
        assertEquals(V6Harness.SERVER_UNICAST, lease.serverUnicast().orElseThrow());

        h.scheduler.advanceTo(lease.renewAt().orElseThrow());
        ClientServerMessage renew = h.lastSent(DhcpV6MessageType.RENEW);
        assertEquals(DhcpV6ClientState.RENEWING, h.client.state());
        assertEquals(V6Destinations.server(V6Harness.SERVER_UNICAST), h.transport.last().destination());
        assertEquals(h.server.id(), renew.serverId().orElseThrow());
        IaAddress held = renew.iaNa().get(0).addresses().get(0);
        assertEquals(ADDRESS, held.address());
        assertEquals(0, held.validLifetime());
        assertEquals(0, renew.iaNa().get(0).t1());

        h.scheduler.advanceTo(lease.rebindAt().orElseThrow());
        ClientServerMessage rebind = h.lastSent(DhcpV6MessageType.REBIND);
        assertEquals(DhcpV6ClientState.REBINDING, h.client.state());
        assertEquals(V6Destinations.MULTICAST, h.transport.last().destination());
        assertTrue(rebind.serverId().isEmpty(), "REBIND names no server");
        assertEquals(ADDRESS, rebind.iaNa().get(0).addresses().get(0).address());

        h.scheduler.advanceTo(lease.expiresAt().orElseThrow());
        assertTrue(h.events.containsAll(List.of("BOUND->RENEWING", "RENEWING->REBINDING", "expired 2001:db8::10",
                "REBINDING->SOLICITING")), h.events.toString());
        h.lastSent(DhcpV6MessageType.SOLICIT);
        assertTrue(h.client.lease().isEmpty());
    }

    @Test
    void renewNowSendsRenewBeforeT1AndRebindStillComesAtT2() {
        DhcpV6Lease lease = h.bind(1000, 1600, 2000, 3000);
        h.scheduler.advance(Duration.ofSeconds(100));

        h.client.renewNow();

        assertEquals(DhcpV6ClientState.RENEWING, h.client.state());
        assertEquals(h.server.id(), h.lastSent(DhcpV6MessageType.RENEW).serverId().orElseThrow());
        h.scheduler.advanceTo(lease.rebindAt().orElseThrow());
        assertEquals(DhcpV6ClientState.REBINDING, h.client.state());
        h.lastSent(DhcpV6MessageType.REBIND);
    }

    @Test
    void aReplyToAnEarlyRenewExtendsTheLeaseFromIt() {
        h.bind(1000, 1600, 2000, 3000);
        h.scheduler.advance(Duration.ofSeconds(100));
        Instant renewSent = h.scheduler.now();
        h.client.renewNow();

        h.deliver(h.server.reply(h.lastSent(DhcpV6MessageType.RENEW), V6TestServer.na(1, 1000, 1600, address(2000, 3000))));

        assertEquals(DhcpV6ClientState.BOUND, h.client.state());
        assertEquals(renewSent.plusSeconds(1000), h.client.lease().orElseThrow().renewAt().orElseThrow());
        assertEquals("renewed 2001:db8::10", h.events.get(h.events.size() - 1));
    }

    @Test
    void aReplyToRenewExtendsTheLeaseFromTheFirstRenew() {
        DhcpV6Lease lease = h.bind(1000, 1600, 2000, 3000);
        h.scheduler.advanceTo(lease.renewAt().orElseThrow());
        Instant renewSent = h.scheduler.now();
        h.scheduler.advance(Duration.ofSeconds(15));                      // one retransmission; its REPLY counts from the first

        h.deliver(h.server.reply(h.lastSent(DhcpV6MessageType.RENEW), V6TestServer.na(1, 1000, 1600, address(2000, 3000))));

        DhcpV6Lease renewed = h.client.lease().orElseThrow();
        assertEquals(DhcpV6ClientState.BOUND, h.client.state());
        assertEquals(renewSent.plusSeconds(1000), renewed.renewAt().orElseThrow());
        assertEquals(renewSent.plusSeconds(3000), renewed.expiresAt().orElseThrow());
        assertEquals("renewed 2001:db8::10", h.events.get(h.events.size() - 1));
        assertEquals(3, h.scheduler.pendingTasks(), "T1, T2 and expiry only");
    }

    @Test
    void aReplyToRebindMayComeFromAnotherServerWhichRenewsFromThenOn() {
        DhcpV6Lease lease = h.bind(1000, 1600, 2000, 3000);
        h.scheduler.advanceTo(lease.rebindAt().orElseThrow());
        V6TestServer other = new V6TestServer(2);

        h.deliver(other.reply(h.lastSent(DhcpV6MessageType.REBIND), V6TestServer.na(1, 1000, 1600, address(2000, 3000))));

        assertEquals(other.id(), h.client.lease().orElseThrow().serverId());
        h.scheduler.advanceTo(h.client.lease().orElseThrow().renewAt().orElseThrow());
        assertEquals(other.id(), h.lastSent(DhcpV6MessageType.RENEW).serverId().orElseThrow());
    }

    @Test
    void noBindingForAnIaInARenewReplyIsFollowedByARequestForThatIaAlone() {
        V6Harness both = new V6Harness(DhcpV6ClientConfig.builder(V6Harness.MAC).iaNa(1).iaPd(2).build());
        both.client.start();
        both.deliver(both.server.advertise(both.lastSent(DhcpV6MessageType.SOLICIT), 255,
                V6TestServer.na(1, 0, 0, address(100, 200)), V6TestServer.pd(2, 0, 0, prefix(100, 200))));
        both.deliver(both.server.reply(both.lastSent(DhcpV6MessageType.REQUEST),
                V6TestServer.na(1, 1000, 1600, address(2000, 3000)), V6TestServer.pd(2, 1000, 1600, prefix(2000, 3000))));
        both.scheduler.advanceTo(both.client.lease().orElseThrow().renewAt().orElseThrow());
        ClientServerMessage renew = both.lastSent(DhcpV6MessageType.RENEW);
        assertEquals(1, renew.iaNa().size());
        assertEquals(1, renew.iaPd().size());

        both.deliver(both.server.reply(renew, V6TestServer.na(1, 1000, 1600, address(2000, 3000)),
                V6TestServer.status(IaKey.pd(2), StatusCode.NO_BINDING)));

        ClientServerMessage request = both.lastSent(DhcpV6MessageType.REQUEST);
        assertEquals(DhcpV6ClientState.REQUESTING, both.client.state());
        assertEquals(both.server.id(), request.serverId().orElseThrow());
        assertTrue(request.iaNa().isEmpty(), "only the IA without a binding is requested");
        assertEquals(V6Harness.PREFIX, request.iaPd().get(0).prefixes().get(0).prefix());

        both.deliver(both.server.reply(request, V6TestServer.pd(2, 1000, 1600, prefix(2000, 3000))));

        DhcpV6Lease lease = both.client.lease().orElseThrow();
        assertEquals(DhcpV6ClientState.BOUND, both.client.state());
        assertTrue(lease.has(IaType.NA) && lease.has(IaType.PD));
        assertEquals("renewed 2001:db8::10,2001:db8:100::/56", both.events.get(both.events.size() - 1));
    }

    @Test
    void zeroT1AndT2DefaultToHalfAndFourFifthsOfTheShortestPreferredLifetime() {
        Instant start = h.scheduler.now();
        DhcpV6Lease lease = h.bind(0, 0, 1000, 2000);

        assertEquals(start.plusSeconds(500), lease.renewAt().orElseThrow());
        assertEquals(start.plusSeconds(800), lease.rebindAt().orElseThrow());
        assertEquals(start.plusSeconds(2000), lease.expiresAt().orElseThrow());
    }

    @Test
    void aUseMulticastReplyMakesTheClientResendByMulticastAtOnce() {
        h.server.allowingUnicastTo(V6Harness.SERVER_UNICAST);
        DhcpV6Lease lease = h.bind(1000, 1600, 2000, 3000);
        h.scheduler.advanceTo(lease.renewAt().orElseThrow());
        ClientServerMessage unicastRenew = h.lastSent(DhcpV6MessageType.RENEW);
        h.scheduler.advance(Duration.ofSeconds(1));

        h.deliver(h.server.replyStatus(unicastRenew, StatusCode.USE_MULTICAST));

        ClientServerMessage again = h.lastSent(DhcpV6MessageType.RENEW);
        assertEquals(V6Destinations.MULTICAST, h.transport.last().destination());
        assertEquals(unicastRenew.transactionId(), again.transactionId(), "the same exchange, resent");
        assertEquals(100, again.elapsedTime().orElseThrow());
        h.scheduler.advance(Duration.ofSeconds(60));
        assertEquals(V6Destinations.MULTICAST, h.transport.last().destination(), "and multicast from then on");
        assertEquals(DhcpV6ClientState.RENEWING, h.client.state());
    }

    @Test
    void aRenewReplyCanWithdrawOneAddressAndAddAnother() {
        DhcpV6Lease lease = h.bind(1000, 1600, 2000, 3000);
        h.scheduler.advanceTo(lease.renewAt().orElseThrow());

        h.deliver(h.server.reply(h.lastSent(DhcpV6MessageType.RENEW),
                V6TestServer.na(1, 1000, 1600, address(0, 0), new IaAddress(OTHER_ADDRESS, 2000, 3000))));

        assertEquals(List.of(OTHER_ADDRESS), h.client.lease().orElseThrow().addresses().stream().map(IaAddress::address).toList());
    }

    @Test
    void aRenewReplyWithdrawingEverythingEndsTheLeaseAndTheClientSolicits() {
        DhcpV6Lease lease = h.bind(1000, 1600, 2000, 3000);
        h.scheduler.advanceTo(lease.renewAt().orElseThrow());

        h.deliver(h.server.reply(h.lastSent(DhcpV6MessageType.RENEW), V6TestServer.na(1, 0, 0, address(0, 0))));

        assertEquals(DhcpV6ClientState.SOLICITING, h.client.state());
        assertTrue(h.events.contains("expired 2001:db8::10"));
    }
}
