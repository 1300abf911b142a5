package org.dhcpcluster.lease.readmodel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
        List<Item> items = new ArrayList<>(events.size());
        for (EventEnvelope e : events) {
            long ordering = ((Sequence) e.offset()).value();
            item(e.persistenceId(), ordering, e.event()).ifPresent(items::add);
            last = Math.max(last, ordering);
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                run(c, items);
                ProjectionOffsets.store(c, tag, last);
                c.commit();
            } catch (SQLException | RuntimeException ex) {
                c.rollback();
                throw ex;
            }
        }
        return last;
    }

    /** One event's statements and the address they touch. */
    private record Item(String address, long ordering, String persistenceId, List<LeaseTableWriter.Statement> statements) {
    }

    private static Optional<Item> item(String persistenceId, long ordering, Object event) {
        if (!persistenceId.startsWith(PREFIX) || !(event instanceof PartitionEvent pe)) {
            // Not a partition's binding event: nothing in the read model comes from it.
            log.warn("event=projection_skipped persistence_id={} ordering={} type={}", persistenceId, ordering,
                    event == null ? "null" : event.getClass().getName());
            return Optional.empty();
        }
        String entityId = persistenceId.substring(PREFIX.length());
        LeaseTableWriter writer = entityId.startsWith("4:") ? V4 : entityId.startsWith("6:") ? V6 : null;
        if (writer == null) {
            log.warn("event=projection_skipped persistence_id={} ordering={} reason=unknown_family", persistenceId, ordering);
            return Optional.empty();
        }
        List<LeaseTableWriter.Statement> statements = writer.statements(entityId, ordering, pe);
        return statements.isEmpty() ? Optional.empty()
                : Optional.of(new Item(writer.address(entityId, pe), ordering, persistenceId, statements));
    }

    /**
     * Runs the group's statements as JDBC batches instead of one round trip each (a projection
     * that ran them one by one cost the node three quarters of its lease rate). Events about
     * different addresses touch different rows, so they run side by side, their first statements
     * together, then their second ones, each kind of statement in one batch; an address that
     * comes up again in the group waits for the next pass, so its events keep their order.
     */
    private static void run(Connection c, List<Item> items) throws SQLException {
        List<Item> pending = items;
        while (!pending.isEmpty()) {
            List<Item> now = new ArrayList<>();
            List<Item> later = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Item it : pending) {
                (seen.add(it.address()) ? now : later).add(it);
            }
            int rounds = now.stream().mapToInt(it -> it.statements().size()).max().orElse(0);
            for (int round = 0; round < rounds; round++) {
                Map<String, PreparedStatement> batches = new LinkedHashMap<>();
                try {
                    for (Item it : now) {
                        if (round < it.statements().size()) {
                            LeaseTableWriter.Statement st = it.statements().get(round);
                            PreparedStatement ps = batches.get(st.sql());
                            if (ps == null) {
                                ps = c.prepareStatement(st.sql());
                                batches.put(st.sql(), ps);
                            }
                            LeaseTableWriter.bind(ps, st.values());
                            ps.addBatch();
                        }
                    }
                    for (PreparedStatement ps : batches.values()) {
                        ps.executeBatch();
                    }
                } catch (SQLException e) {
                    throw new SQLException("projecting a group of " + items.size() + " events (first " + items.get(0).persistenceId()
                            + " at ordering " + items.get(0).ordering() + ") failed: " + e.getMessage(), e.getSQLState(), e);
                } finally {
                    for (PreparedStatement ps : batches.values()) {
                        ps.close();
                    }
                }
            }
            pending = later;
        }
    }
}
