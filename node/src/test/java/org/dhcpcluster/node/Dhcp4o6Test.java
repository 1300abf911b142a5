package org.dhcpcluster.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.persistence.LeaseJournal4;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.dhcpcluster.node.config.NodeConfigLoader;
import org.dhcpcluster.node.support.ClientMessages6;
import org.dhcpcluster.node.support.TestNodes;
import org.dhcpcluster.node.support.TestRelay6;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.Dhcp4o6Message;
import org.dhcpcluster.protocol.v6.DhcpV6Message;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.Ipv6;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DHCPv4 over DHCPv6 (RFC 7341) end to end on one node: a DHCPV4-QUERY relayed from the v6
 * link 2001:db8:1::/64 is answered from the v4 subnet configured for that link
 * (203.0.113.64/26, Kea's 4o6-subnet), by the same v4 lease path and journal as native DHCPv4;
 * a second /26 of the same /24 serves another v6 link.
 */
class Dhcp4o6Test {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    private final DatabaseSettings db = EmbeddedPostgresFixture.freshDatabase();
    private final int port4 = TestNodes.freeUdpPort();
    private final int port6 = TestNodes.freeUdp6Port();
    private NodeRuntime node;
    private TestRelay6 relay;

    @BeforeEach
    void start() {
        Config v4 = ConfigFactory.parseString("""
                dhcp.v4.subnets = [
                  { id = 1, subnet = "192.0.2.0/24", pools = ["192.0.2.100 - 192.0.2.199"], relay-addresses = ["127.0.0.2"] },
                  { id = 4, subnet = "203.0.113.64/26", pools = ["203.0.113.70 - 203.0.113.74"], 4o6-subnet = "2001:db8:1::/64",
                    options { routers = "203.0.113.65" } },
                  { id = 5, subnet = "203.0.113.192/26", pools = ["203.0.113.200 - 203.0.113.220"], 4o6-subnet = "2001:db8:9::/64",
                    options { routers = "203.0.113.193" } }
                ]
                dhcp.v6.options.dhcp4o6-server-addresses = ["2001:db8:1::1"]
                """);
        Config raw = v4.withFallback(TestNodes.withV6(TestNodes.loopbackNode(db, port4, "192.0.2.100 - 192.0.2.199"), port6,
                "2001:db8:1::1000 - 2001:db8:1::1fff", false)).resolve();
        node = NodeRuntime.start(NodeConfigLoader.read(raw), raw);
        relay = new TestRelay6(new InetSocketAddress("::1", port6), TestNodes.V6_LINK_ADDRESS);
    }

    @AfterEach
    void stop() {
        relay.close();
        node.close();
    }

    private DhcpV4Message over4o6(DhcpV4Message m) {
        return over4o6(relay, m);
    }

    private static DhcpV4Message over4o6(TestRelay6 relay, DhcpV4Message m) {
        relay.send(Dhcp4o6Message.query(DhcpV4Codec.encode(m, DhcpV4Codec.DEFAULT_MAX_PAYLOAD), false), Ipv6.parse("fe80::42"));
        DhcpV6Message reply = relay.receiveAny(REPLY_TIMEOUT).orElseThrow(() -> new AssertionError("no DHCPV4-RESPONSE to " + m));
        Dhcp4o6Message response = assertInstanceOf(Dhcp4o6Message.class, reply);
        assertEquals(DhcpV6MessageType.DHCPV4_RESPONSE, response.type());
        assertEquals(0, response.flags(), "RFC 7341 section 6.2: no flags in a response");
        try {
            return DhcpV4Codec.decode(response.dhcpV4Message().orElseThrow());
        } catch (org.dhcpcluster.protocol.DecodeException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aQueryFromTheV6LinkGetsAnAddressFromItsV4SubnetAndTheLeaseIsJournaled() throws Exception {
        ClientMessages4 c = new ClientMessages4(4600);
        DhcpV4Message offer = over4o6(c.discover());
        assertEquals(DhcpMessageType.OFFER, offer.messageType().orElseThrow());
        int offered = Ipv4.toInt(offer.yiaddr());
        assertTrue(offered >= Ipv4.toInt(Ipv4.parse("203.0.113.70")) && offered <= Ipv4.toInt(Ipv4.parse("203.0.113.74")),
                offer.yiaddr().toString());
        DhcpV4Message ack = over4o6(c.requestSelecting("192.0.2.1", Ipv4.toInt(offer.yiaddr())));
        assertEquals(DhcpMessageType.ACK, ack.messageType().orElseThrow());
        assertEquals(offer.yiaddr(), ack.yiaddr());
        List<LeaseJournal4.Binding> journal = new LeaseJournal4(node.system()).bindings(System.currentTimeMillis())
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertTrue(journal.stream().anyMatch(b -> b.addressText().equals(ack.yiaddr().getHostAddress()) && b.state().equals("bound")));
    }

    @Test
    void clientsAskingForOption88LearnTheConfigured4o6Servers() {
        ClientMessages6 c = new ClientMessages6(4601, false);
        ClientServerMessage ask = ClientServerMessage.builder(DhcpV6MessageType.INFORMATION_REQUEST).transactionId(77)
                .clientId(c.duid()).add(new DhcpV6Option(DhcpV6OptionCode.ORO, new byte[] {0, 88})).build();
        ClientServerMessage reply = relay.exchange(ask, c.linkLocal(), REPLY_TIMEOUT).orElseThrow();
        assertArrayEquals(Ipv6.parse("2001:db8:1::1").getAddress(), reply.options().get(DhcpV6OptionCode.DHCP4_O_DHCP6_SERVER).orElseThrow());
    }

    @Test
    void aQueryFromALinkWithoutA4o6SubnetIsDroppedAndCounted() {
        try (TestRelay6 elsewhere = new TestRelay6(new InetSocketAddress("::1", port6), "2001:db8:7::1")) {
            ClientMessages4 c = new ClientMessages4(4602);
            elsewhere.send(Dhcp4o6Message.query(DhcpV4Codec.encode(c.discover(), DhcpV4Codec.DEFAULT_MAX_PAYLOAD), false),
                    Ipv6.parse("fe80::43"));
            assertTrue(elsewhere.receiveAny(Duration.ofSeconds(2)).isEmpty());
        }
        assertEquals(1, node.metrics6().orElseThrow().count("dhcp6_dropped_total", "no_4o6_subnet"));
    }

    @Test
    void twoV6LinksWhoseV4SubnetsShareA24EachGetTheirOwnAddressesEvenWhenOneIsExhausted() {
        try (TestRelay6 other = new TestRelay6(new InetSocketAddress("::1", port6), "2001:db8:9::1")) {
            for (int i = 0; i < 5; i++) {
                ClientMessages4 c = new ClientMessages4(4700 + i);
                DhcpV4Message offer = over4o6(c.discover());
                DhcpV4Message ack = over4o6(c.requestSelecting("192.0.2.1", Ipv4.toInt(offer.yiaddr())));
                assertEquals(DhcpMessageType.ACK, ack.messageType().orElseThrow());
                ClientMessages4 d = new ClientMessages4(4800 + i);
                DhcpV4Message theirs = over4o6(other, d.discover());
                assertTrue(theirs.yiaddr().getHostAddress().matches("203\\.0\\.113\\.2[0-2][0-9]"),
                        "a client of 2001:db8:9::/64 was offered " + theirs.yiaddr());
            }
            // 203.0.113.64/26 is exhausted: its clients get nothing, never 203.0.113.192/26's addresses.
            relay.send(Dhcp4o6Message.query(DhcpV4Codec.encode(new ClientMessages4(4900).discover(), DhcpV4Codec.DEFAULT_MAX_PAYLOAD),
                    false), Ipv6.parse("fe80::42"));
            assertTrue(relay.receiveAny(Duration.ofSeconds(2)).isEmpty(), "an exhausted pool offers nothing");
            DhcpV4Message stillTheirs = over4o6(other, new ClientMessages4(4901).discover());
            assertTrue(stillTheirs.yiaddr().getHostAddress().startsWith("203.0.113.2"), stillTheirs.yiaddr().toString());
        }
    }
}
