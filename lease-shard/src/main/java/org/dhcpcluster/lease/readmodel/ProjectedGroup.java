package org.dhcpcluster.lease.readmodel;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Sequence;
import org.dhcpcluster.lease.partition.PartitionEntity;
import org.dhcpcluster.lease.partition.PartitionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a group of one tag's events into the read model and moves the tag's offset past them,
 * all in one transaction: a crash loses the whole group or none of it, and the projection then
 * reads the group again from the stored offset.
 */
final class ProjectedGroup {
    private static final Logger log = LoggerFactory.getLogger(ProjectedGroup.class);
    private static final String PREFIX = PartitionEntity.TYPE_KEY.name() + "|";
    private static final LeaseTableWriter V4 = new LeaseTableWriter(Lease4Columns.INSTANCE);
    private static final LeaseTableWriter V6 = new LeaseTableWriter(Lease6Columns.INSTANCE);

    private ProjectedGroup() {
    }

    /** Writes {@code events} (in journal order) and the offset of the last; returns that offset. */
    static long write(DataSource db, String tag, List<EventEnvelope> events) throws SQLException {
        long last = 0;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (EventEnvelope e : events) {
                    long ordering = ((Sequence) e.offset()).value();
                    apply(c, e.persistenceId(), ordering, e.event());
                    last = Math.max(last, ordering);
                }
                ProjectionOffsets.store(c, tag, last);
                c.commit();
            } catch (SQLException | RuntimeException ex) {
                c.rollback();
                throw ex;
            }
        }
        return last;
    }

    private static void apply(Connection c, String persistenceId, long ordering, Object event) throws SQLException {
        if (!persistenceId.startsWith(PREFIX) || !(event instanceof PartitionEvent pe)) {
            // Not a partition's binding event: nothing in the read model comes from it.
            log.warn("event=projection_skipped persistence_id={} ordering={} type={}", persistenceId, ordering,
                    event == null ? "null" : event.getClass().getName());
            return;
        }
        String entityId = persistenceId.substring(PREFIX.length());
        LeaseTableWriter writer = entityId.startsWith("4:") ? V4 : entityId.startsWith("6:") ? V6 : null;
        if (writer == null) {
            log.warn("event=projection_skipped persistence_id={} ordering={} reason=unknown_family", persistenceId, ordering);
            return;
        }
        try {
            writer.apply(c, entityId, ordering, pe);
        } catch (SQLException e) {
            throw new SQLException("projecting " + persistenceId + " event at ordering " + ordering + " ("
                    + pe.getClass().getSimpleName() + ") failed: " + e.getMessage(), e.getSQLState(), e);
        }
    }
}
