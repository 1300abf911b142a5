package org.dhcpcluster.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.node.config.NodeConfigLoader;
import org.dhcpcluster.node.support.ManagementToken;
import org.dhcpcluster.node.support.TestNodes;
import org.dhcpcluster.node.support.TestRelay4;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default mode: the node runs its own PostgreSQL with a data directory that outlives
 * the node. A lease granted before a stop is still the client's after the next start.
 */
class EmbeddedDatabaseRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Config config(int port) {
        return ConfigFactory.parseString("""
                dhcp {
                  management { host = "127.0.0.1", port = 0, %s }
                  cluster { host = "127.0.0.1", port = 0 }
                  database.embedded.data-directory = "%s"
                  v4 {
                    listen { address = "127.0.0.1", port = %d }
                    service-address = "192.0.2.1"
                    subnets = [{ id = 1, subnet = "192.0.2.0/24", pools = ["192.0.2.100 - 192.0.2.199"],
                                 relay-addresses = ["%s"] }]
                  }
                }
                """.formatted(ManagementToken.setting(), dir.resolve("postgres"), port, TestRelay4.RELAY_ADDRESS));
    }

    @Test
    void leasesInTheEmbeddedDatabaseSurviveANodeRestart() {
        int port = TestNodes.freeUdpPort();
        Config raw = config(port);
        ClientMessages4 client = new ClientMessages4(700).via(TestRelay4.RELAY_ADDRESS);
        String address;
        try (NodeRuntime node = NodeRuntime.start(NodeConfigLoader.read(raw), raw);
             TestRelay4 relay = new TestRelay4(new InetSocketAddress("127.0.0.1", port))) {
            DhcpV4Message offer = relay.exchange(client.discover(), WAIT).orElseThrow();
            DhcpV4Message ack = relay.exchange(client.requestSelecting("192.0.2.1", Ipv4.toInt(offer.yiaddr())), WAIT).orElseThrow();
            assertEquals(DhcpMessageType.ACK, ack.messageType().orElseThrow());
            address = ack.yiaddr().getHostAddress();
        }
        try (NodeRuntime node = NodeRuntime.start(NodeConfigLoader.read(raw), raw);
             TestRelay4 relay = new TestRelay4(new InetSocketAddress("127.0.0.1", port))) {
            DhcpV4Message ack = relay.exchange(client.newTransaction().requestInitReboot(address), WAIT).orElseThrow();
            assertEquals(DhcpMessageType.ACK, ack.messageType().orElseThrow());
            assertEquals(address, ack.yiaddr().getHostAddress());
            ClientMessages4 other = new ClientMessages4(701).via(TestRelay4.RELAY_ADDRESS);
            DhcpV4Message offer = relay.exchange(other.discoverRequesting(address), WAIT).orElseThrow();
            assertEquals(DhcpMessageType.OFFER, offer.messageType().orElseThrow());
            org.junit.jupiter.api.Assertions.assertNotEquals(address, offer.yiaddr().getHostAddress());
        }
    }
}
