package org.dhcpcluster.lease.readmodel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Where each tag's projection is: the journal ordering of the last event its rows include
 * ({@code lease_projection_offset}). Stored in the transaction that wrote those rows, so the two
 * never disagree; a restarted projection reads it and asks the journal for what follows.
 */
final class ProjectionOffsets {
    private ProjectionOffsets() {
    }

    /** The stored ordering, 0 when the tag was never projected (the journal's orderings start at 1). */
    static long read(Connection c, String tag) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ordering FROM lease_projection_offset WHERE tag = ?")) {
            ps.setString(1, tag);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Moves the tag's offset to {@code ordering}, never back (two incarnations overlapping for a moment). */
    static void store(Connection c, String tag, long ordering) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO lease_projection_offset (tag, ordering, updated_at)"
                + " VALUES (?, ?, now()) ON CONFLICT (tag) DO UPDATE"
                + " SET ordering = GREATEST(lease_projection_offset.ordering, EXCLUDED.ordering), updated_at = now()")) {
            ps.setString(1, tag);
            ps.setLong(2, ordering);
            ps.executeUpdate();
        }
    }
}
