package org.dhcpcluster.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.dhcpcluster.node.support.ManagementToken;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.dhcpcluster.node.NodeRuntime;
import org.dhcpcluster.node.support.ClientMessages6;
import org.dhcpcluster.node.support.LocalCluster;
import org.dhcpcluster.node.support.TestNodes;
import org.dhcpcluster.node.support.TestRelay4;
import org.dhcpcluster.node.support.TestRelay6;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three nodes (three actor systems, one Pekko cluster, one PostgreSQL journal) and no
 * failover pairs: a lease made through node A is renewed through B and through C, by
 * unicast to each, for DHCPv4 and DHCPv6, because leases live in sharded entities rather than
 * in the node that first answered, and the server identity (v4 service address, v6 DUID) is
 * the cluster's.
 */
class AnyNodeAnswersTest {
    private static final Duration REPLY = Duration.ofSeconds(15);
    private static LocalCluster cluster;

    @BeforeAll
    static void startThreeNodes() {
        cluster = LocalCluster.start(EmbeddedPostgresFixture.freshDatabase(), 3, TestRelay4.RELAY_ADDRESS);
    }

    @AfterAll
    static void stopNodes() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aV4LeaseMadeThroughOneNodeIsRenewedThroughTheOthers() {
        ClientMessages4 c = new ClientMessages4(5100).via(TestRelay4.RELAY_ADDRESS);
        String address;
        try (TestRelay4 a = new TestRelay4(new InetSocketAddress("127.0.0.1", cluster.port4(1)))) {
            DhcpV4Message offer = a.exchange(c.newTransaction().discover(), REPLY).orElseThrow();
            DhcpV4Message ack = a.exchange(c.requestSelecting("192.0.2.1", Ipv4.toInt(offer.yiaddr())), REPLY).orElseThrow();
            assertEquals(DhcpMessageType.ACK, ack.messageType().orElseThrow());
            address = ack.yiaddr().getHostAddress();
        }
        for (int i = 1; i < 3; i++) {
            try (TestRelay4 other = new TestRelay4(new InetSocketAddress("127.0.0.1", cluster.port4(i + 1)))) {
                DhcpV4Message ack = other.exchange(c.newTransaction().requestRenewing(address), REPLY)
                        .orElseThrow(() -> new AssertionError("no answer from the other node"));
                assertEquals(DhcpMessageType.ACK, ack.messageType().orElseThrow(), "node " + (i + 1) + " renews what node 1 leased");
                assertEquals(address, ack.yiaddr().getHostAddress());
                assertEquals(Ipv4.parse("192.0.2.1"), ack.serverIdentifier().orElseThrow(), "one server identifier for the cluster");
            }
        }
    }

    @Test
    void everyNodeReportsTheMembersAndTheShardsEachHolds() throws Exception {
        aV4LeaseMadeThroughOneNodeIsRenewedThroughTheOthers();
        for (int i = 1; i <= 3; i++) {
            NodeRuntime n = cluster.node(i);
            String body = ManagementToken.get(n.management().address().getPort(), "/api/cluster").orElseThrow();
            assertEquals(3, body.split("\"status\":\"Up\"", -1).length - 1, body);
            assertTrue(body.matches("(?s).*\"Partition\":\\{\"shards\":[1-9].*"), "some node holds the partition that served the lease:\n" + body);
        }
    }

    @Test
    void aV6LeaseMadeThroughOneNodeIsRenewedThroughTheOthers() {
        ClientMessages6 c = new ClientMessages6(5200, true);
        ClientServerMessage reply;
        try (TestRelay6 a = new TestRelay6(new InetSocketAddress("::1", cluster.port6(1)), TestNodes.V6_LINK_ADDRESS)) {
            ClientServerMessage advertise = a.exchange(c.solicit(false), c.linkLocal(), REPLY).orElseThrow();
            reply = a.exchange(c.toServer(DhcpV6MessageType.REQUEST, advertise), c.linkLocal(), REPLY).orElseThrow();
        }
        for (int i = 1; i < 3; i++) {
            try (TestRelay6 other = new TestRelay6(new InetSocketAddress("::1", cluster.port6(i + 1)), TestNodes.V6_LINK_ADDRESS)) {
                ClientServerMessage renewed = other.exchange(c.toServer(DhcpV6MessageType.RENEW, reply), c.linkLocal(), REPLY)
                        .orElseThrow(() -> new AssertionError("no answer from the other node"));
                assertEquals(DhcpV6MessageType.REPLY, renewed.type());
                assertEquals(reply.serverId(), renewed.serverId(), "one server DUID for the cluster");
                assertEquals(reply.iaNa().get(0).addresses().get(0).address(), renewed.iaNa().get(0).addresses().get(0).address());
                assertEquals(reply.iaPd().get(0).prefixes().get(0).prefix(), renewed.iaPd().get(0).prefixes().get(0).prefix());
                assertEquals(4000, renewed.iaNa().get(0).addresses().get(0).validLifetime(), "node " + (i + 1) + " extended it");
            }
        }
    }
}
