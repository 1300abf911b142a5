package org.dhcpcluster.lease.persistence;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database to the schema this version needs: the versioned migrations in
 * {@code db/migration} (V1 the JDBC plugin's journal tables, V2 this project's own tables, V3 the
 * lease read model, ...), applied by Flyway, which records each in {@code flyway_schema_history}.
 *
 * <p>Nodes starting together are safe: Flyway holds a PostgreSQL advisory lock while it
 * migrates, so one node applies and the others find the work done. A database prepared before
 * migrations existed (journal tables, no history table) is taken as version 0 and migrated
 * from V1, whose statements are all IF NOT EXISTS, so nothing in it is touched.
 */
public final class SchemaMigrations {
    static final String LOCATION = "classpath:db/migration";

    private SchemaMigrations() {
    }

    /** Applies every pending migration; returns how many were applied (0 when already current). */
    public static int migrate(DatabaseSettings db) {
        MigrateResult result = Flyway.configure()
                .dataSource(db.url(), db.user(), db.password())
                .locations(LOCATION)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("journal tables from before versioned migrations")
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
