package org.dhcpcluster.lease.readmodel;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.dhcpcluster.lease.partition.PartitionEntity;

/** How far behind the journal each tag's projection is: what {@code GET /api/projection} shows. */
public final class ProjectionStatus {
    /**
     * One tag: the ordering of the last event in the read model, the ordering of the tag's newest
     * event in the journal, and the difference (0: caught up; orderings are shared by all tags,
     * so it counts positions in the journal, not events of the tag).
     */
    public record Tag(String tag, long offset, long journalMax, long lag) {
    }

    private final DataSource db;

    public ProjectionStatus(DataSource db) {
        this.db = db;
    }

    public List<Tag> tags() throws SQLException {
        String[] names = new String[PartitionEntity.TAGS];
        for (int i = 0; i < names.length; i++) {
            names[i] = LeaseProjection.tag(i);
        }
        List<Tag> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT t.tag, coalesce(o.ordering, 0),"
                     + " coalesce((SELECT max(e.event_id) FROM event_tag e WHERE e.tag = t.tag), 0)"
                     + " FROM unnest(?::text[]) AS t(tag) LEFT JOIN lease_projection_offset o ON o.tag = t.tag ORDER BY t.tag")) {
            Array array = c.createArrayOf("text", names);
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long offset = rs.getLong(2);
                    long max = rs.getLong(3);
                    out.add(new Tag(rs.getString(1), offset, max, Math.max(0, max - offset)));
                }
            }
        }
        return out;
    }

    /** Whether every tag's projection has every event the journal holds now. */
    public boolean caughtUp() throws SQLException {
        return tags().stream().allMatch(t -> t.lag() == 0);
    }
}
