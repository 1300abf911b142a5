package org.dhcpcluster.node;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.dhcpcluster.node.config.NodeConfig;
import org.dhcpcluster.node.database.EmbeddedDatabase;

/**
 * {@code java -jar dhcp-node.jar --postgres-only --data-directory DIR --port N}: runs just the
 * embedded PostgreSQL (the same binaries and durability settings a single node uses) until
 * SIGTERM, so several node processes on one machine can share one journal without installing
 * a PostgreSQL server. Prints the JDBC URL the nodes should use.
 */
final class PostgresOnly {
    private PostgresOnly() {
    }

    static void run(Path dataDirectory, int port) {
        EmbeddedDatabase db = EmbeddedDatabase.start(new NodeConfig.EmbeddedDatabase(dataDirectory, port), 2);
        // start() returns once the server accepts connections: the moment clients can reconnect.
        Instant accepting = Instant.now();
        db.settings().verifyAndPrepare();
        System.out.println("postgres ready url=" + db.settings().url() + " user=" + db.settings().user() + " accepting_since=" + accepting);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            db.close();
            stop.countDown();
        }, "postgres-shutdown"));
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
