package org.dhcpcluster.lease.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database to the schema this version needs: the versioned migrations in
 * {@code db/migration} (V1 the JDBC plugin's journal tables, V2 this project's own tables, V3 the
 * lease read model, ...), applied by Flyway, which records each in {@code flyway_schema_history}.
 *
 * <p>Nodes starting together take turns under a PostgreSQL advisory lock held around the whole
 * of Flyway's work: Flyway locks while it applies migrations, but not while it creates its
 * history table and decides whether to baseline, and a node racing another there fails
 * ("schema history table already exists, and is empty"; seen in {@code SchemaMigrationsTest}).
 * A database prepared before migrations existed (journal tables, no history table) is taken as
 * version 0 and migrated from V1, whose statements are all IF NOT EXISTS, so nothing in it is
 * touched.
 */
public final class SchemaMigrations {
    static final String LOCATION = "classpath:db/migration";
    /** pg_advisory_lock key: "dhcpmig" in ASCII (CarryOver uses "dhcp"). */
    private static final long LOCK_KEY = 0x64_6863_706d_6967L;

    private SchemaMigrations() {
    }

    /** Applies every pending migration; returns how many were applied (0 when already current). */
    public static int migrate(DatabaseSettings db) throws SQLException {
        try (Connection lock = db.connect(); Statement st = lock.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
            try {
                MigrateResult result = Flyway.configure()
                        .dataSource(db.url(), db.user(), db.password())
                        .locations(LOCATION)
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .baselineDescription("journal tables from before versioned migrations")
                        .load()
                        .migrate();
                return result.migrationsExecuted;
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
            }
        }
    }
}
