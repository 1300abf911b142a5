package org.dhcpcluster.node.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.dhcpcluster.node.NodeRuntime;
import org.dhcpcluster.node.config.NodeConfig;
import org.dhcpcluster.node.config.NodeConfigLoader;
import org.dhcpcluster.node.database.EmbeddedDatabase;
import org.dhcpcluster.node.support.TestNodes;
import org.dhcpcluster.node.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /ready follows what the node can actually do: a node whose PostgreSQL stops can acknowledge
 * nothing (durable before acknowledged), so it reports not ready, naming the reason, and ready
 * again once the database is back, without a restart.
 */
class ReadinessProbeTest {
    private static final Duration NOTICED_WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private EmbeddedDatabase database;
    private NodeRuntime node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aNodeIsNotReadyWhileItsDatabaseIsDownAndReadyAgainWhenItReturns() throws IOException {
        int pgPort = freeTcpPort();
        NodeConfig.EmbeddedDatabase where = new NodeConfig.EmbeddedDatabase(dir.resolve("pg"), pgPort);
        database = EmbeddedDatabase.start(where, 2);
        Config raw = TestNodes.loopbackNode(database.settings(), TestNodes.freeUdpPort(), "192.0.2.10 - 192.0.2.20");
        node = NodeRuntime.start(NodeConfigLoader.read(raw), raw);
        Poll.until(NOTICED_WITHIN, () -> ManagementCalls.get(node, "/ready").statusCode() == 200, () -> "never ready");

        database.close();
        database = null;
        Poll.until(NOTICED_WITHIN, () -> ManagementCalls.get(node, "/ready").statusCode() == 503, () -> "still ready without PostgreSQL");
        String body = ManagementCalls.get(node, "/ready").body();
        assertTrue(body.contains("PostgreSQL unreachable"), body);
        assertEquals(200, ManagementCalls.get(node, "/health").statusCode(), "liveness stays up: a restart would not bring the database back");

        database = EmbeddedDatabase.start(where, 2);
        Poll.until(NOTICED_WITHIN, () -> ManagementCalls.get(node, "/ready").statusCode() == 200,
                () -> "not ready again after PostgreSQL returned: " + ManagementCalls.get(node, "/ready").body());
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
