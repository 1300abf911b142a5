package org.dhcpcluster.lease.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.junit.jupiter.api.Test;

class SchemaMigrationsTest {
    /** What JournalSchema (before migrations) created beside the plugin's tables. */
    private static final List<String> OLD_OWN_DDL = List.of(
            "CREATE TABLE IF NOT EXISTS dhcp_server_identity (name TEXT PRIMARY KEY, value BYTEA NOT NULL,"
                    + " created_at TIMESTAMPTZ NOT NULL DEFAULT now())",
            "CREATE TABLE IF NOT EXISTS dhcp_carry_over (marker TEXT PRIMARY KEY, events INT NOT NULL,"
                    + " done_at TIMESTAMPTZ NOT NULL DEFAULT now())");

    @Test
    void aNewDatabaseGetsEveryTableAndMigratingAgainChangesNothing() throws SQLException {
        DatabaseSettings db = EmbeddedPostgresFixture.freshDatabase();
        assertEquals(3, SchemaMigrations.migrate(db));
        assertEquals(0, SchemaMigrations.migrate(db), "a second migration is a no-op");
        db.verifyAndPrepare();
        assertEquals(List.of("dhcp_carry_over", "dhcp_server_identity", "durable_state", "event_journal", "event_tag",
                "lease4", "lease4_history", "lease6", "lease6_history", "lease_projection_offset", "snapshot"), tables(db));
    }

    @Test
    void aDatabaseMadeByTheOldJournalSchemaMigratesWithItsRows() throws Exception {
        DatabaseSettings db = EmbeddedPostgresFixture.freshDatabase();
        byte[] payload = {1, 2, 3};
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            // The old start-up code: the plugin's DDL statement by statement with autocommit
            // (CONCURRENTLY included), then its own tables.
            for (String sql : pluginDdl()) {
                st.execute(sql);
            }
            for (String sql : OLD_OWN_DDL) {
                st.execute(sql);
            }
            st.execute("INSERT INTO event_journal (persistence_id, sequence_number, writer, write_timestamp, event_ser_id,"
                    + " event_ser_manifest, event_payload) VALUES ('Partition|4:198.51.100.0', 1, 'w', 1, 1, 'm', '\\x010203')");
            st.execute("INSERT INTO event_tag (event_id, tag) SELECT ordering, 'leases-1' FROM event_journal");
            st.execute("INSERT INTO dhcp_server_identity (name, value) VALUES ('dhcpv6-server-duid', '\\x0004')");
        }
        assertEquals(3, SchemaMigrations.migrate(db));
        assertEquals(0, SchemaMigrations.migrate(db));
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT j.persistence_id, j.event_payload, t.tag FROM event_journal j"
                     + " JOIN event_tag t ON t.event_id = j.ordering")) {
            assertTrue(rs.next(), "the journal row survived");
            assertEquals("Partition|4:198.51.100.0", rs.getString(1));
            assertArrayEquals(payload, rs.getBytes(2));
            assertEquals("leases-1", rs.getString(3));
        }
        assertTrue(tables(db).contains("lease4"), "the read model was added");
    }

    @Test
    void nodesMigratingAtOnceAllSucceed() throws Exception {
        // The race is between Flyway creating its history table and deciding to baseline: fifteen
        // fresh databases, four nodes each, make losing it likely without the lock.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 15; round++) {
                DatabaseSettings db = EmbeddedPostgresFixture.freshDatabase();
                List<Future<Integer>> runs = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    runs.add(pool.submit((Callable<Integer>) () -> SchemaMigrations.migrate(db)));
                }
                int applied = 0;
                for (Future<Integer> run : runs) {
                    applied += run.get();
                }
                assertEquals(3, applied, "each migration applied once, by whichever node got the lock");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnreachableDatabaseIsReportedPlainlyWithItsUrl() {
        DatabaseSettings nowhere = new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/dhcp", "dhcp", "x", 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, nowhere::verifyAndPrepare);
        assertTrue(e.getMessage().contains("jdbc:postgresql://127.0.0.1:1/dhcp"), e.getMessage());
        assertTrue(e.getMessage().contains("'dhcp'"), e.getMessage());
    }

    private static List<String> pluginDdl() throws IOException {
        try (InputStream in = SchemaMigrationsTest.class.getClassLoader().getResourceAsStream("schema/postgres/postgres-create-schema.sql")) {
            List<String> out = new ArrayList<>();
            for (String s : new String(in.readAllBytes(), StandardCharsets.UTF_8).split(";")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
            return out;
        }
    }

    private static List<String> tables(DatabaseSettings db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                     + " AND table_name <> 'flyway_schema_history' ORDER BY table_name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
