package org.dhcpcluster.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.persistence.LeaseJournal6;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.dhcpcluster.node.config.NodeConfigLoader;
import org.dhcpcluster.node.support.ClientMessages6;
import org.dhcpcluster.node.support.TestNodes;
import org.dhcpcluster.node.support.TestRelay6;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.Duid;
import org.dhcpcluster.protocol.v6.StatusCode;
import org.dhcpcluster.protocol.v6.option.IaAddress;
import org.dhcpcluster.protocol.v6.option.IaPrefix;
import org.dhcpcluster.protocol.v6.option.IdentityAssociation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A whole node (real UDP sockets, real PostgreSQL journal, real sharding) serving DHCPv6
 * clients through a relay on loopback: RFC 8415 exchanges end to end, checked against the
 * server's own journal.
 */
class RelayedDhcp6Test {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);
    private static final String POOL = "2001:db8:1::1000 - 2001:db8:1::1fff";

    private final DatabaseSettings db = EmbeddedPostgresFixture.freshDatabase();
    private final int port4 = TestNodes.freeUdpPort();
    private final int port6 = TestNodes.freeUdp6Port();
    private NodeRuntime node;
    private TestRelay6 relay;

    private void startNode(boolean rapidCommit) {
        var raw = TestNodes.withV6(TestNodes.loopbackNode(db, port4, "192.0.2.100 - 192.0.2.199"), port6, POOL, rapidCommit);
        node = NodeRuntime.start(NodeConfigLoader.read(raw), raw);
        relay = new TestRelay6(new InetSocketAddress("::1", port6), TestNodes.V6_LINK_ADDRESS);
    }

    private void stopNode() {
        relay.close();
        node.close();
        relay = null;
        node = null;
    }

    @AfterEach
    void stop() {
        if (node != null) {
            stopNode();
        }
    }

    private ClientServerMessage exchange(ClientMessages6 c, ClientServerMessage m) {
        return relay.exchange(m, c.linkLocal(), REPLY_TIMEOUT).orElseThrow(() -> new AssertionError("no answer to " + m));
    }

    /** SOLICIT, ADVERTISE, REQUEST, REPLY; returns the REPLY. */
    private ClientServerMessage fourWay(ClientMessages6 c) {
        ClientServerMessage advertise = exchange(c, c.solicit(false));
        assertEquals(DhcpV6MessageType.ADVERTISE, advertise.type());
        ClientServerMessage reply = exchange(c, c.toServer(DhcpV6MessageType.REQUEST, advertise));
        assertEquals(DhcpV6MessageType.REPLY, reply.type());
        return reply;
    }

    private static IaAddress address(ClientServerMessage reply) {
        IdentityAssociation na = reply.iaNa().get(0);
        assertTrue(na.status().isEmpty() || na.status().get().code().isSuccess(), na.toString());
        return na.addresses().get(0);
    }

    private List<LeaseJournal6.Binding> journal() throws Exception {
        return new LeaseJournal6(node.system()).bindings(System.currentTimeMillis()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void relayedClientsGetDistinctAddressesAndPrefixesRecordedInTheJournal() throws Exception {
        startNode(false);
        Set<String> addresses = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            ClientMessages6 c = new ClientMessages6(100 + i, true);
            ClientServerMessage reply = fourWay(c);
            IaAddress a = address(reply);
            assertEquals(3000, a.preferredLifetime());
            assertEquals(4000, a.validLifetime());
            assertEquals(1000, reply.iaNa().get(0).t1());
            assertEquals(2000, reply.iaNa().get(0).t2());
            assertTrue(addresses.add(a.address().getHostAddress()), "address handed out twice: " + a);
            IaPrefix p = reply.iaPd().get(0).prefixes().get(0);
            assertEquals(56, p.prefixLength());
            assertTrue(prefixes.add(p.prefix().getHostAddress()), "prefix delegated twice: " + p);
            assertEquals(List.of(org.dhcpcluster.protocol.v6.Ipv6.parse("2001:db8:1::53")), reply.dnsServers());
        }
        List<LeaseJournal6.Binding> bound = journal().stream().filter(b -> b.state().equals("bound")).toList();
        assertEquals(60, bound.size());
        assertEquals(30, bound.stream().filter(b -> b.length() == 56).count());
    }

    @Test
    void leasesAndTheServerDuidSurviveARestart() throws Exception {
        startNode(false);
        Map<ClientMessages6, ClientServerMessage> granted = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            ClientMessages6 c = new ClientMessages6(200 + i, false);
            granted.put(c, fourWay(c));
        }
        Duid before = granted.values().iterator().next().serverId().orElseThrow();
        stopNode();
        startNode(false);
        for (var e : granted.entrySet()) {
            ClientServerMessage renewed = exchange(e.getKey(), e.getKey().toServer(DhcpV6MessageType.RENEW, e.getValue()));
            assertEquals(before, renewed.serverId().orElseThrow(), "the server DUID is the cluster's, kept across restarts");
            assertEquals(address(e.getValue()).address(), address(renewed).address(), "same DUID+IAID, same address");
            assertEquals(4000, address(renewed).validLifetime());
        }
        ClientMessages6 thief = new ClientMessages6(299, false);
        ClientServerMessage taken = granted.values().iterator().next();
        ClientServerMessage advertise = exchange(thief, thief.solicit(false));
        ClientServerMessage stolen = exchange(thief, thief.toServer(DhcpV6MessageType.REQUEST,
                ClientServerMessage.builder(DhcpV6MessageType.ADVERTISE).serverId(advertise.serverId().orElseThrow())
                        .add(taken.iaNa().get(0).toOption()).build()));
        assertNotEquals(address(taken).address(), address(stolen).address(), "an address leased before the restart stays its client's");
    }

    @Test
    void rapidCommitAnswersTheSolicitWithACommittedReply() throws Exception {
        startNode(true);
        ClientMessages6 c = new ClientMessages6(300, true);
        ClientServerMessage reply = exchange(c, c.solicit(true));
        assertEquals(DhcpV6MessageType.REPLY, reply.type());
        assertTrue(reply.rapidCommit());
        assertEquals(2, journal().stream().filter(b -> b.state().equals("bound")).count());
        ClientMessages6 without = new ClientMessages6(301, false);
        assertEquals(DhcpV6MessageType.ADVERTISE, exchange(without, without.solicit(false)).type(), "no rapid commit unless asked");
    }

    @Test
    void aMessageDeliveredTwiceGetsOneAnswer() {
        startNode(false);
        ClientMessages6 c = new ClientMessages6(400, false);
        ClientServerMessage solicit = c.solicit(false);
        relay.send(solicit, c.linkLocal());
        relay.send(solicit, c.linkLocal());
        assertTrue(relay.receive(REPLY_TIMEOUT).isPresent());
        assertTrue(relay.receive(Duration.ofSeconds(2)).isEmpty(), "a copy of the same SOLICIT must not be answered again");
        assertEquals(1, countV6("dhcp6_silent_total", "duplicate"));
    }

    private double countV6(String name, String tag) {
        return node.metrics6().map(m -> m.count(name, tag)).orElse(0.0);
    }

    @Test
    void renewAndReleaseAndRebindFollowRfc8415() throws Exception {
        startNode(false);
        ClientMessages6 c = new ClientMessages6(500, false);
        ClientServerMessage reply = fourWay(c);
        IaAddress a = address(reply);

        ClientServerMessage released = exchange(c, c.toServer(DhcpV6MessageType.RELEASE, reply));
        assertEquals(StatusCode.SUCCESS, released.statusCode().orElseThrow().code());
        assertEquals("released", journal().stream().filter(b -> b.addressText().equals(org.dhcpcluster.lease.v6.space.Address128
                .of(a.address()).format())).findFirst().orElseThrow().state(), "a released address is free again");

        ClientServerMessage renewed = exchange(c, c.toServer(DhcpV6MessageType.RENEW, reply));
        assertEquals(StatusCode.NO_BINDING, renewed.iaNa().get(0).status().orElseThrow().code(), "RENEW after RELEASE: NoBinding");

        ClientServerMessage rebound = exchange(c, c.toAllServers(DhcpV6MessageType.REBIND,
                List.of(new IaAddress(org.dhcpcluster.protocol.v6.Ipv6.parse("2001:db8:77::1"), 100, 200))));
        IaAddress withdrawn = rebound.iaNa().get(0).addresses().get(0);
        assertEquals(0, withdrawn.validLifetime(), "REBIND of an address from another link: zero lifetimes");
    }

    @Test
    void aDeclineBeyondTheClientsLimitIsAnsweredAndCountedByItsLimit() {
        startNode(false);
        ClientMessages6 c = new ClientMessages6(550, false);
        for (int i = 0; i < 4; i++) {
            ClientServerMessage declined = exchange(c, c.toServer(DhcpV6MessageType.DECLINE, fourWay(c)));
            assertEquals(StatusCode.SUCCESS, declined.statusCode().orElseThrow().code());
        }
        assertEquals(1, countV6("dhcp6_decline_refused_total", "client_limit"), "the fourth DECLINE within the hour");
    }

    @Test
    void confirmSaysWhetherAddressesAreOnLink() {
        startNode(false);
        ClientMessages6 c = new ClientMessages6(600, false);
        ClientServerMessage on = exchange(c, c.toAllServers(DhcpV6MessageType.CONFIRM,
                List.of(new IaAddress(org.dhcpcluster.protocol.v6.Ipv6.parse("2001:db8:1::1234"), 0, 0))));
        assertEquals(StatusCode.SUCCESS, on.statusCode().orElseThrow().code());
        ClientServerMessage off = exchange(c, c.toAllServers(DhcpV6MessageType.CONFIRM,
                List.of(new IaAddress(org.dhcpcluster.protocol.v6.Ipv6.parse("2001:db8:2::1"), 0, 0))));
        assertEquals(StatusCode.NOT_ON_LINK, off.statusCode().orElseThrow().code());
    }

    @Test
    void informationRequestGetsTheRequestedOptionsAndNoLease() throws Exception {
        startNode(false);
        ClientMessages6 c = new ClientMessages6(700, false);
        ClientServerMessage reply = exchange(c, c.informationRequest());
        assertEquals(DhcpV6MessageType.REPLY, reply.type());
        assertEquals(List.of("example.com"), reply.domainSearchList().stream().map(n -> n.endsWith(".") ? n.substring(0, n.length() - 1) : n).toList());
        assertTrue(reply.iaNa().isEmpty());
        assertTrue(journal().isEmpty());
    }

    @Test
    void messagesForAnotherServerAndMalformedDatagramsAreDroppedAndCounted() {
        startNode(false);
        ClientMessages6 c = new ClientMessages6(800, false);
        ClientServerMessage advertise = exchange(c, c.solicit(false));
        ClientServerMessage foreign = ClientServerMessage.builder(DhcpV6MessageType.ADVERTISE)
                .serverId(Duid.ll(1, new byte[] {2, 9, 9, 9, 9, 9})).add(advertise.iaNa().get(0).toOption()).build();
        assertTrue(relay.exchange(c.toServer(DhcpV6MessageType.REQUEST, foreign), c.linkLocal(), Duration.ofSeconds(2)).isEmpty());
        relay.sendRaw(new byte[] {12, 0, 1});
        relay.sendRaw(new byte[] {1});
        byte[] garbage = new byte[300];
        new Random(7).nextBytes(garbage);
        garbage[0] = 12;
        relay.sendRaw(garbage);
        ClientMessages6 fine = new ClientMessages6(801, false);
        address(fourWay(fine));
        assertEquals(1, countV6("dhcp6_dropped_total", "other_server"));
        assertTrue(node.metrics6().orElseThrow().total("dhcp6_dropped_total") >= 4, "every bad datagram is a counted drop");
        assertFalse(advertise.options().contains(DhcpV6OptionCode.RAPID_COMMIT));
    }

    @Test
    void aSolicitCarryingMoreIasThanAllowedIsDroppedBeforeAnyPartitionIsAsked() {
        startNode(false);
        ClientMessages6 c = new ClientMessages6(900, false);
        ClientServerMessage.Builder many = c.solicit(false).toBuilder();
        for (int iaid = 2; iaid <= 9; iaid++) { // with the solicit's own IA_NA: 9, one over the default of 8
            many.add(IdentityAssociation.na(iaid, 0, 0, org.dhcpcluster.protocol.v6.DhcpV6Options.builder().build()).toOption());
        }
        assertTrue(relay.exchange(many.build(), c.linkLocal(), Duration.ofSeconds(2)).isEmpty(), "no ADVERTISE");
        assertEquals(1, countV6("dhcp6_dropped_total", "too_many_ias"));
        assertEquals(DhcpV6MessageType.ADVERTISE, exchange(c, c.solicit(false)).type(), "one IA is served as before");
    }
}
