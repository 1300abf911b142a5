package org.dhcpcluster.lease.readmodel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A self-check of the lease history: every pair of intervals in which one address was bound to
 * two different holders at the same time, which "no address bound twice" forbids. An interval
 * ended by release or decline counts until then; one ended by expiry or by being replaced
 * counts until its expiry, since the lease it granted ran until then (a replacement before
 * that is exactly a double binding).
 */
public final class HistoryCheck {
    private HistoryCheck() {
    }

    /** Overlapping bindings in the family's history, described one per line. */
    public static List<String> overlaps(DataSource db, LeaseFamily family) throws SQLException {
        String history = family.history;
        String granted = "CASE WHEN %1$s.end_reason IN ('released', 'declined') THEN %1$s.ended_at ELSE %1$s.expires_at END";
        String sql = "SELECT host(a.address), a.client_key, a.started_at, " + granted.formatted("a") + ", b.client_key, b.started_at, "
                + granted.formatted("b") + " FROM " + history + " a JOIN " + history + " b"
                + " ON b.address = a.address AND b.bound_ordering > a.bound_ordering"
                + " WHERE (a.client_key <> b.client_key OR a.subnet_id <> b.subnet_id)"
                + " AND a.started_at < " + granted.formatted("b") + " AND b.started_at < " + granted.formatted("a")
                + " ORDER BY a.address, a.started_at";
        List<String> found = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(rs.getString(1) + " held by " + rs.getString(2) + " from " + rs.getTimestamp(3).toInstant() + " to "
                        + rs.getTimestamp(4).toInstant() + " and by " + rs.getString(5) + " from " + rs.getTimestamp(6).toInstant()
                        + " to " + rs.getTimestamp(7).toInstant());
            }
        }
        return found;
    }
}
