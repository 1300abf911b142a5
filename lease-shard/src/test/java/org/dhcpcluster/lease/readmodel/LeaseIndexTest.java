package org.dhcpcluster.lease.readmodel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every lookup the lease API makes (by address, hardware address, client-id, DUID, host name,
 * and the history's "who held X at T" and by client) is answered from an index: the exact
 * statements the readers run, EXPLAINed with their parameters bound, on tables holding a
 * realistic number of rows and ANALYZEd, so the planner's choice is the one production gets.
 */
class LeaseIndexTest {
    private static final int ROWS = 100_000;
    private static final long NOW = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
    private static HikariDataSource db;

    @BeforeAll
    static void tablesWithRealisticRowCounts() throws SQLException {
        DatabaseSettings settings = EmbeddedPostgresFixture.freshDatabase();
        settings.verifyAndPrepare();
        db = settings.pool("index-test", 1);
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            // Client i: MAC 02:00:xx:xx:xx:xx, every other one a client-id, a host name, a DUID.
            String mac = "'02:00:' || substr(md5(i::text), 1, 2) || ':' || substr(md5(i::text), 3, 2) || ':'"
                    + " || substr(md5(i::text), 5, 2) || ':' || substr(md5(i::text), 7, 2)";
            st.execute("INSERT INTO lease4 (address, subnet_id, client_key, hw_type, hw_address, client_id, hostname, state, bound_at,"
                    + " expires_at, relay, updated_at, last_ordering) SELECT '198.18.0.0'::inet + i, i % 50, 'hw-1-' || i, 1, " + mac + ","
                    + " CASE WHEN i % 2 = 0 THEN '01' || md5(i::text) END, 'host-' || i, 'bound', now(), now() + interval '1 hour',"
                    + " '198.18.0.1', now(), i FROM generate_series(1, " + ROWS + ") i");
            st.execute("INSERT INTO lease6 (address, prefix_len, type, subnet_id, duid, iaid, client_key, hostname, state, bound_at,"
                    + " preferred_until, expires_at, updated_at, last_ordering) SELECT '2001:db8:1::'::inet + i, 128, 'na', 1,"
                    + " '00030001' || md5(i::text), 1, md5(i::text) || ':na:1', 'host6-' || i, 'bound', now(), now(),"
                    + " now() + interval '1 hour', now(), i FROM generate_series(1, " + ROWS + ") i");
            // Three intervals per address in the history.
            st.execute("INSERT INTO lease4_history (bound_ordering, address, subnet_id, client_key, hw_address, client_id, hostname,"
                    + " started_at, expires_at, ended_at, end_reason, last_ordering) SELECT i, '198.18.0.0'::inet + (i % " + ROWS + "), 1,"
                    + " 'hw-1-' || i, " + mac + ", '01' || md5(i::text), 'host-' || i, now() - (i / " + ROWS + ") * interval '1 day',"
                    + " now() - (i / " + ROWS + ") * interval '1 day' + interval '1 hour', now() - (i / " + ROWS + ") * interval '1 day'"
                    + " + interval '1 hour', 'expired', i FROM generate_series(1, " + 3 * ROWS + ") i");
            st.execute("INSERT INTO lease6_history (bound_ordering, address, prefix_len, type, subnet_id, duid, iaid, client_key,"
                    + " started_at, expires_at, last_ordering) SELECT i, '2001:db8:1::'::inet + i, 128, 'na', 1, '00030001' || md5(i::text),"
                    + " 1, md5(i::text) || ':na:1', now(), now() + interval '1 hour', i FROM generate_series(1, " + ROWS + ") i");
            st.execute("ANALYZE");
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static LeaseQuery query(Optional<String> address, Optional<String> hw, Optional<String> clientId, Optional<String> duid,
                                    Optional<String> hostname) {
        return new LeaseQuery(LeaseQuery.DEFAULT_LIMIT, Optional.empty(), Optional.empty(), address, Optional.empty(), hw, clientId,
                duid, hostname, Optional.empty());
    }

    private static final Optional<String> NONE = Optional.empty();

    @Test
    void leasesByAddress() throws SQLException {
        usesIndex("lease4_pkey", LeaseReader.sql(LeaseFamily.V4, query(Optional.of("198.18.1.5"), NONE, NONE, NONE, NONE), NOW));
        usesIndex("lease6_pkey", LeaseReader.sql(LeaseFamily.V6, query(Optional.of("2001:db8:1::5"), NONE, NONE, NONE, NONE), NOW));
    }

    @Test
    void leasesByHardwareAddressClientIdDuidAndHostName() throws SQLException {
        usesIndex("lease4_hw_address_idx", LeaseReader.sql(LeaseFamily.V4, query(NONE, Optional.of("02:00:c4:ca:42:38"), NONE, NONE, NONE), NOW));
        usesIndex("lease4_client_id_idx", LeaseReader.sql(LeaseFamily.V4,
                query(NONE, NONE, Optional.of("01c81e728d9d4c2f636f067f89cc14862c"), NONE, NONE), NOW));
        usesIndex("lease4_hostname_idx", LeaseReader.sql(LeaseFamily.V4, query(NONE, NONE, NONE, NONE, Optional.of("Host-77")), NOW));
        usesIndex("lease6_duid_idx", LeaseReader.sql(LeaseFamily.V6,
                query(NONE, NONE, NONE, Optional.of("00030001c4ca4238a0b923820dcc509a6f75849b"), NONE), NOW));
        usesIndex("lease6_hostname_idx", LeaseReader.sql(LeaseFamily.V6, query(NONE, NONE, NONE, NONE, Optional.of("host6-77")), NOW));
    }

    @Test
    void aPageAfterAnAddressStartsThereInTheAddressIndex() throws SQLException {
        usesIndex("lease4_pkey", LeaseReader.sql(LeaseFamily.V4, LeaseQuery.all().after(Optional.of("198.18.100.0")), NOW));
    }

    @Test
    void historyWhoHeldAnAddressAtATimeAndWhatAClientHeld() throws SQLException {
        Instant at = Instant.ofEpochMilli(NOW).minusSeconds(86_400);
        usesIndex("lease4_history_address_idx", HistoryReader.heldAtSql(LeaseFamily.V4, "198.18.1.5", at, NOW));
        usesIndex("lease6_history_address_idx", HistoryReader.heldAtSql(LeaseFamily.V6, "2001:db8:1::5", at, NOW));
        usesIndex("lease4_history_hw_address_idx", HistoryReader.ofClientSql(LeaseFamily.V4, HistoryReader.ClientColumn.HW_ADDRESS,
                "02:00:c4:ca:42:38", 100, NOW));
        usesIndex("lease4_history_client_id_idx", HistoryReader.ofClientSql(LeaseFamily.V4, HistoryReader.ClientColumn.CLIENT_ID,
                "01c4ca4238a0b923820dcc509a6f75849b", 100, NOW));
        usesIndex("lease4_history_hostname_idx", HistoryReader.ofClientSql(LeaseFamily.V4, HistoryReader.ClientColumn.HOSTNAME,
                "host-1", 100, NOW));
        usesIndex("lease6_history_duid_idx", HistoryReader.ofClientSql(LeaseFamily.V6, HistoryReader.ClientColumn.DUID,
                "00030001c4ca4238a0b923820dcc509a6f75849b", 100, NOW));
    }

    private static void usesIndex(String index, SqlQuery query) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection c = db.getConnection(); PreparedStatement ps = query.prepare(c, "EXPLAIN "); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        String p = plan.toString();
        boolean indexed = Pattern.compile("(Index (Only )?Scan (Backward )?using " + index + " )|(Bitmap Index Scan on " + index + "\\b)")
                .matcher(p).find();
        assertTrue(indexed, "expected " + index + " in:\n" + p + "for: " + query.text());
    }
}
