package org.dhcpcluster.lease.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.junit.jupiter.api.Test;

/** History past the retention goes, in batches; what ended within it, and what still runs, stays. */
class HistoryRetentionTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void intervalsThatEndedBeforeTheRetentionGoAndTheRestStays() throws Exception {
        DatabaseSettings settings = EmbeddedPostgresFixture.freshDatabase();
        settings.verifyAndPrepare();
        try (HikariDataSource db = settings.pool("retention", 1)) {
            try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
                // 5 released 500 days ago, 1 released 10 days ago, 1 still open, 1 never closed but expired 401 days ago.
                st.execute("INSERT INTO lease4_history (bound_ordering, address, subnet_id, client_key, started_at, expires_at, ended_at,"
                        + " end_reason, last_ordering) SELECT i, '192.0.2.1', 1, 'old-' || i, '" + NOW + "'::timestamptz - interval '501 days',"
                        + " '" + NOW + "'::timestamptz - interval '499 days', '" + NOW + "'::timestamptz - interval '500 days', 'released', i"
                        + " FROM generate_series(1, 5) i");
                st.execute("INSERT INTO lease4_history (bound_ordering, address, subnet_id, client_key, started_at, expires_at, ended_at,"
                        + " end_reason, last_ordering) VALUES (6, '192.0.2.1', 1, 'recent', '" + NOW + "'::timestamptz - interval '11 days',"
                        + " '" + NOW + "'::timestamptz - interval '9 days', '" + NOW + "'::timestamptz - interval '10 days', 'released', 6)");
                st.execute("INSERT INTO lease4_history (bound_ordering, address, subnet_id, client_key, started_at, expires_at, last_ordering)"
                        + " VALUES (7, '192.0.2.1', 1, 'running', '" + NOW + "', '" + NOW + "'::timestamptz + interval '1 hour', 7)");
                st.execute("INSERT INTO lease6_history (bound_ordering, address, prefix_len, type, subnet_id, duid, iaid, client_key,"
                        + " started_at, expires_at, last_ordering) VALUES (8, '2001:db8::1', 128, 'na', 1, '0001', 1, 'lapsed',"
                        + " '" + NOW + "'::timestamptz - interval '402 days', '" + NOW + "'::timestamptz - interval '401 days', 8)");
            }
            assertEquals(6, new HistoryRetention(db, Duration.ofDays(400), 2).apply(NOW.toEpochMilli()));
            assertEquals(List.of("recent", "running"), keys(db));
            assertEquals(0, new HistoryRetention(db, Duration.ofDays(400), 2).apply(NOW.toEpochMilli()));
        }
    }

    private static List<String> keys(HikariDataSource db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT client_key FROM lease4_history UNION ALL SELECT client_key FROM lease6_history ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
