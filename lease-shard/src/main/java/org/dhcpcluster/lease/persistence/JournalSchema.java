package org.dhcpcluster.lease.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Creates the journal, snapshot and durable-state tables (and {@link #OWN_DDL}) on start, idempotently: the one
 * place where this project's PostgreSQL DDL lives.
 *
 * <p>The DDL is the JDBC plugin's own ({@value #PLUGIN_DDL}, so it always matches the plugin
 * version in use), made re-runnable: its index statements lack {@code IF NOT EXISTS}, and
 * {@code CREATE INDEX CONCURRENTLY} cannot run inside a transaction, so every statement is
 * executed on its own with autocommit.
 */
public final class JournalSchema {
    static final String PLUGIN_DDL = "schema/postgres/postgres-create-schema.sql";

    /** This project's own tables, beside the plugin's. */
    static final List<String> OWN_DDL = List.of(
            // Identities that belong to the service, not to a node: the DHCPv6 server DUID.
            "CREATE TABLE IF NOT EXISTS dhcp_server_identity (name TEXT PRIMARY KEY, value BYTEA NOT NULL,"
                    + " created_at TIMESTAMPTZ NOT NULL DEFAULT now())");

    private JournalSchema() {
    }

    /** Applies every statement; safe to call on every start and from several nodes at once. */
    public static void apply(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            for (String sql : statements()) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    // Two nodes starting together can race on the same CREATE ... IF NOT EXISTS;
                    // the loser sees a duplicate (42P07) or unique violation (23505) on the catalog.
                    if (!"42P07".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                        throw new SQLException("applying journal schema failed at: " + sql + ": " + e.getMessage(), e.getSQLState(), e);
                    }
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    static List<String> statements() {
        String ddl;
        try (InputStream in = JournalSchema.class.getClassLoader().getResourceAsStream(PLUGIN_DDL)) {
            if (in == null) {
                throw new IllegalStateException(PLUGIN_DDL + " is missing from the classpath (pekko-persistence-jdbc jar)");
            }
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + PLUGIN_DDL, e);
        }
        List<String> out = new ArrayList<>();
        for (String raw : ddl.split(";")) {
            String sql = raw.strip();
            if (!sql.isEmpty()) {
                out.add(idempotent(sql));
            }
        }
        out.addAll(OWN_DDL);
        return out;
    }

    static String idempotent(String sql) {
        String upper = sql.toUpperCase(Locale.ROOT);
        if (upper.contains("IF NOT EXISTS")) {
            return sql;
        }
        for (String head : new String[] {"CREATE UNIQUE INDEX CONCURRENTLY", "CREATE INDEX CONCURRENTLY",
                                         "CREATE UNIQUE INDEX", "CREATE INDEX", "CREATE TABLE"}) {
            if (upper.startsWith(head + " ")) {
                return sql.substring(0, head.length()) + " IF NOT EXISTS" + sql.substring(head.length());
            }
        }
        return sql;
    }
}
