package org.dhcpcluster.lease.readmodel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.dhcpcluster.lease.partition.PartitionEntity;

/**
 * Keeps the partitions' journal bounded: deletes, in batches, the event rows that nothing needs
 * any more. A row goes only when all of these hold:
 * <ol>
 *   <li>its sequence number is at or below the <em>older</em> of the two snapshots a partition
 *       keeps, so recovery has the newer snapshot and, should that one be unreadable, the older
 *       one with every event after it;</li>
 *   <li>the read model has it: every tag the row carries has been projected past its ordering.
 *       Per tag, not the minimum over tags: a deployment whose partitions all hash to one tag
 *       (one /24) leaves the other tags idle, and their offsets would hold pruning back for ever.
 *       A row without tags (HandedOver) was never meant for the read model;</li>
 *   <li>it is older than {@code minAge} (10 minutes in the node): an incarnation of a partition
 *       left running by a split brain writes at sequence numbers just past what it last saw,
 *       and it is the journal's primary key refusing those writes that keeps it from binding
 *       anything; deleting only old rows keeps every recent sequence number taken;</li>
 *   <li>it is not the highest row of its persistence id: the plugin reads the highest sequence
 *       number from the journal on recovery, and must never find fewer than were written.</li>
 * </ol>
 * Rows that stay per partition: about 2 x {@value #SNAPSHOT_EVERY} (events after the older
 * snapshot) plus what the partition wrote in the last {@code minAge} and since the last run.
 */
public final class JournalPruner {
    /** PartitionEntity's snapshot interval; the bound above is stated in its terms. */
    static final int SNAPSHOT_EVERY = 500;

    private static final String PREFIX = PartitionEntity.TYPE_KEY.name() + "|";

    static final String DELETE = """
            DELETE FROM event_journal WHERE ordering IN (
              SELECT j.ordering
              FROM (SELECT persistence_id, sequence_number AS older,
                           row_number() OVER (PARTITION BY persistence_id ORDER BY sequence_number DESC) AS rank
                    FROM snapshot WHERE persistence_id LIKE ?) s
              JOIN event_journal j ON j.persistence_id = s.persistence_id AND j.sequence_number <= s.older
              WHERE s.rank = 2
                AND j.write_timestamp < ?
                AND j.sequence_number < (SELECT max(m.sequence_number) FROM event_journal m WHERE m.persistence_id = j.persistence_id)
                AND NOT EXISTS (SELECT 1 FROM event_tag t LEFT JOIN lease_projection_offset o ON o.tag = t.tag
                                WHERE t.event_id = j.ordering AND (o.ordering IS NULL OR o.ordering < j.ordering))
              LIMIT ?)
            """;

    private final DataSource db;
    private final Duration minAge;
    private final int batch;

    public JournalPruner(DataSource db, Duration minAge, int batch) {
        if (minAge.isNegative() || batch < 1) {
            throw new IllegalArgumentException("minAge must not be negative and batch must be positive");
        }
        this.db = db;
        this.minAge = minAge;
        this.batch = batch;
    }

    /** Deletes every row that may go, a batch per transaction; returns how many went. */
    public long prune(long now) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(DELETE)) {
            c.setAutoCommit(true);
            ps.setString(1, PREFIX.replace("_", "\\_") + "%");
            ps.setLong(2, now - minAge.toMillis());
            ps.setInt(3, batch);
            return BatchedDelete.untilShort(ps, batch);
        }
    }
}
