package org.dhcpcluster.lease.readmodel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Deletes lease history older than the retention ({@code dhcp.leases.history-retention}), in
 * batches: intervals that ended (released, declined, replaced, or expired, including those whose
 * lease simply ran out) more than the retention ago. The current-lease tables are untouched.
 */
public final class HistoryRetention {
    private final DataSource db;
    private final Duration retention;
    private final int batch;

    public HistoryRetention(DataSource db, Duration retention, int batch) {
        if (retention.isNegative() || retention.isZero() || batch < 1) {
            throw new IllegalArgumentException("retention and batch must be positive");
        }
        this.db = db;
        this.retention = retention;
        this.batch = batch;
    }

    /** Deletes what is past the retention from both histories; returns how many intervals went. */
    public long apply(long now) throws SQLException {
        Timestamp cutoff = Timestamp.from(Instant.ofEpochMilli(now).minus(retention));
        long total = 0;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(true);
            for (String table : new String[] {"lease4_history", "lease6_history"}) {
                // The expression is the one the table's _end_idx index is built on.
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE bound_ordering IN (SELECT bound_ordering FROM "
                        + table + " WHERE coalesce(ended_at, expires_at) < ? LIMIT ?)")) {
                    ps.setTimestamp(1, cutoff);
                    ps.setInt(2, batch);
                    total += BatchedDelete.untilShort(ps, batch);
                }
            }
        }
        return total;
    }
}
