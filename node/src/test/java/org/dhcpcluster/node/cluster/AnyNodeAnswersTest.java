package org.dhcpcluster.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.dhcpcluster.node.NodeRuntime;
import org.dhcpcluster.node.config.NodeConfigLoader;
import org.dhcpcluster.node.support.ClientMessages6;
import org.dhcpcluster.node.support.TestNodes;
import org.dhcpcluster.node.support.TestRelay4;
import org.dhcpcluster.node.support.TestRelay6;
import org.dhcpcluster.node.testing.Poll;
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
    private static final List<NodeRuntime> nodes = new ArrayList<>();
    private static final List<Integer> ports4 = new ArrayList<>();
    private static final List<Integer> ports6 = new ArrayList<>();

    @BeforeAll
    static void startThreeNodes() {
        DatabaseSettings db = EmbeddedPostgresFixture.freshDatabase();
        List<Integer> clusterPorts = List.of(freeTcpPort(), freeTcpPort(), freeTcpPort());
        String seed = "\"127.0.0.1:" + clusterPorts.get(0) + "\"";
        for (int i = 0; i < 3; i++) {
            int p4 = TestNodes.freeUdpPort();
            int p6 = TestNodes.freeUdp6Port();
            Config raw = ConfigFactory.parseString("dhcp.cluster { host = \"127.0.0.1\", port = " + clusterPorts.get(i)
                            + ", seed-nodes = [" + seed + "] }")
                    .withFallback(TestNodes.withV6(TestNodes.loopbackNode(db, p4, "192.0.2.100 - 192.0.2.199"), p6,
                            "2001:db8:1::1000 - 2001:db8:1::1fff", false));
            nodes.add(NodeRuntime.start(NodeConfigLoader.read(raw), raw));
            ports4.add(p4);
            ports6.add(p6);
        }
        for (NodeRuntime n : nodes) {
            Poll.until(Duration.ofSeconds(30),
                    () -> upMembers(n) == 3, () -> "the three nodes did not form one cluster");
        }
    }

    private static int upMembers(NodeRuntime n) {
        int up = 0;
        for (var m : Cluster.get(n.system()).state().getMembers()) {
            if (m.status() == MemberStatus.up()) {
                up++;
            }
        }
        return up;
    }

    @AfterAll
    static void stopNodes() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }

    private static int freeTcpPort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aV4LeaseMadeThroughOneNodeIsRenewedThroughTheOthers() {
        ClientMessages4 c = new ClientMessages4(5100).via(TestRelay4.RELAY_ADDRESS);
        String address;
        try (TestRelay4 a = new TestRelay4(new InetSocketAddress("127.0.0.1", ports4.get(0)))) {
            DhcpV4Message offer = a.exchange(c.newTransaction().discover(), REPLY).orElseThrow();
            DhcpV4Message ack = a.exchange(c.requestSelecting("192.0.2.1", Ipv4.toInt(offer.yiaddr())), REPLY).orElseThrow();
            assertEquals(DhcpMessageType.ACK, ack.messageType().orElseThrow());
            address = ack.yiaddr().getHostAddress();
        }
        for (int i = 1; i < 3; i++) {
            try (TestRelay4 other = new TestRelay4(new InetSocketAddress("127.0.0.1", ports4.get(i)))) {
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
        for (NodeRuntime n : nodes) {
            String body = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + n.management().address().getPort() + "/api/cluster")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertEquals(3, body.split("\"status\":\"Up\"", -1).length - 1, body);
            assertTrue(body.contains("\"Lease4\":{\"shards\":"), "some node holds the v4 lease entities:\n" + body);
        }
    }

    @Test
    void aV6LeaseMadeThroughOneNodeIsRenewedThroughTheOthers() {
        ClientMessages6 c = new ClientMessages6(5200, true);
        ClientServerMessage reply;
        try (TestRelay6 a = new TestRelay6(new InetSocketAddress("::1", ports6.get(0)), TestNodes.V6_LINK_ADDRESS)) {
            ClientServerMessage advertise = a.exchange(c.solicit(false), c.linkLocal(), REPLY).orElseThrow();
            reply = a.exchange(c.toServer(DhcpV6MessageType.REQUEST, advertise), c.linkLocal(), REPLY).orElseThrow();
        }
        for (int i = 1; i < 3; i++) {
            try (TestRelay6 other = new TestRelay6(new InetSocketAddress("::1", ports6.get(i)), TestNodes.V6_LINK_ADDRESS)) {
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
