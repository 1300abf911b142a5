package org.dhcpcluster.node.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.dhcpcluster.node.NodeRuntime;
import org.dhcpcluster.node.config.NodeConfigLoader;
import org.dhcpcluster.node.support.TestNodes;
import org.dhcpcluster.node.support.TestRelay4;
import org.dhcpcluster.node.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * POST /leave (a Kubernetes preStop hook) drains before it leaves: the node reports not ready at
 * once, so a Service stops sending it new traffic, yet keeps answering what still arrives until
 * the drain delay is over; only then do its sockets close and it leaves the cluster. The call
 * returns once the node is out.
 */
class DepartureTest {
    private static final Duration DRAIN = Duration.ofSeconds(4);

    private NodeRuntime node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aLeavingNodeIsNotReadyButAnswersThroughItsDrainDelayThenLeaves() throws Exception {
        int dhcpPort = TestNodes.freeUdpPort();
        Config raw = ConfigFactory.parseString("dhcp.cluster.drain-delay = " + DRAIN.toSeconds() + "s")
                .withFallback(TestNodes.loopbackNode(EmbeddedPostgresFixture.freshDatabase(), dhcpPort, "192.0.2.10 - 192.0.2.20"));
        node = NodeRuntime.start(NodeConfigLoader.read(raw), raw);
        Poll.until(Duration.ofSeconds(20), () -> ManagementCalls.get(node, "/ready").statusCode() == 200, () -> "never ready");

        long askedAt = System.nanoTime();
        CompletableFuture<HttpResponse<String>> leave = CompletableFuture.supplyAsync(() -> ManagementCalls.postAuthorized(node, "/leave"));
        Poll.until(Duration.ofSeconds(2), () -> ManagementCalls.get(node, "/ready").statusCode() == 503, () -> "still ready while leaving");
        assertTrue(ManagementCalls.get(node, "/ready").body().contains("shutting down"));

        try (TestRelay4 relay = new TestRelay4(new InetSocketAddress("127.0.0.1", dhcpPort))) {
            assertTrue(relay.exchange(new ClientMessages4(1).via(TestRelay4.RELAY_ADDRESS).discover(), Duration.ofSeconds(2)).isPresent(),
                    "a DISCOVER arriving during the drain delay must still be answered");

            HttpResponse<String> left = leave.get(60, TimeUnit.SECONDS);
            long tookMillis = (System.nanoTime() - askedAt) / 1_000_000;
            assertEquals(200, left.statusCode(), left.body());
            assertTrue(left.body().contains("\"left\""), left.body());
            assertTrue(tookMillis >= DRAIN.toMillis(), "returned after " + tookMillis + " ms, before the drain delay was over");

            assertTrue(relay.exchange(new ClientMessages4(2).via(TestRelay4.RELAY_ADDRESS).discover(), Duration.ofSeconds(2)).isEmpty(),
                    "after leaving, the node's sockets are closed");
        }
        assertTrue(node.system().getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS) != null);
    }
}
