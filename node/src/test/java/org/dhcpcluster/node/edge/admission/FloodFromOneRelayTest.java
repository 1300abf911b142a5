package org.dhcpcluster.node.edge.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.dhcpcluster.node.NodeRuntime;
import org.dhcpcluster.node.config.NodeConfigLoader;
import org.dhcpcluster.node.support.TestNodes;
import org.dhcpcluster.node.support.TestRelay4;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.junit.jupiter.api.Test;

/**
 * A whole node with a per-relay limit: one relay floods random-MAC DISCOVERs while a client
 * behind another relay runs DORA. The flood is cut at the edge (counted, never asked of a
 * partition) and the other relay's client is served.
 */
class FloodFromOneRelayTest {
    private static final String REAL_RELAY = "127.0.0.2";
    private static final String FLOOD_RELAY = "127.0.0.3";
    private static final Duration REPLY = Duration.ofSeconds(10);

    @Test
    void aRelayFloodingDiscoversIsDroppedAtTheEdgeWhileAnotherRelaysClientsGetLeases() {
        int port = TestNodes.freeUdpPort();
        Config raw = ConfigFactory.parseString("dhcp.admission.per-source { rate = 50, burst = 50 }")
                .withFallback(TestNodes.loopbackNode(EmbeddedPostgresFixture.freshDatabase(), port, "192.0.2.100 - 192.0.2.199",
                        REAL_RELAY, FLOOD_RELAY));
        try (NodeRuntime node = NodeRuntime.start(NodeConfigLoader.read(raw), raw);
             TestRelay4 real = new TestRelay4(new InetSocketAddress("127.0.0.1", port), REAL_RELAY);
             TestRelay4 flood = new TestRelay4(new InetSocketAddress("127.0.0.1", port), FLOOD_RELAY)) {
            Thread flooder = new Thread(() -> {
                // 2,000 a second: the node's socket keeps up, so every one is counted.
                for (int i = 0; i < 3_000; i++) {
                    flood.send(new ClientMessages4(500_000 + i).via(FLOOD_RELAY).discover());
                    if (i % 10 == 9) {
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }, "flood");
            flooder.start();
            for (int i = 0; i < 10; i++) {
                ClientMessages4 c = new ClientMessages4(100 + i).via(REAL_RELAY);
                DhcpV4Message offer = real.exchange(c.newTransaction().discover(), REPLY).orElseThrow(() -> new AssertionError("no OFFER"));
                DhcpV4Message ack = real.exchange(c.requestSelecting("192.0.2.1", Ipv4.toInt(offer.yiaddr())), REPLY)
                        .orElseThrow(() -> new AssertionError("no ACK"));
                assertEquals(DhcpMessageType.ACK, ack.messageType().orElseThrow());
            }
            flooder.join();
            double limited = node.metrics().count("dhcp4_dropped_total", Admission.SOURCE_LIMITED);
            System.out.printf("flood of 3,000 DISCOVERs from one relay: %.0f dropped at the edge; the other relay's 10 clients served%n",
                    limited);
            assertTrue(limited >= 2_000, "the flood is cut at the edge: " + limited + " dropped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
