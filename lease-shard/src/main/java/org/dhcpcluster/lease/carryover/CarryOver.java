package org.dhcpcluster.lease.carryover;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.dhcpcluster.lease.partition.PartitionDirectory;
import org.dhcpcluster.lease.partition.PartitionEntity;
import org.dhcpcluster.lease.partition.PartitionEvent;
import org.dhcpcluster.lease.partition.PartitionKey;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the leases a journal of the first lease design holds (address blocks and v6 slices)
 * into partitions, once: at a node's start, before it serves. Every binding the old
 * authorities recorded, current or expired (so a returning client still finds its address
 * first), becomes a partition event; a partition that already has a record of an item keeps
 * it. Nodes starting together take turns through an advisory lock, and the first to finish
 * writes a marker (table {@code dhcp_carry_over}, created by migration V2) that the others, and
 * every later start, read and skip. The old journal rows stay where they are: they are the
 * history of that time.
 */
public final class CarryOver {
    private static final Logger log = LoggerFactory.getLogger(CarryOver.class);
    /** Serializes carry-overs across nodes (pg_advisory_lock key: "dhcp" in ASCII). */
    private static final long LOCK_KEY = 0x64686370L;
    private static final Duration PARTITION_TIMEOUT = Duration.ofSeconds(30);

    /** One family's old authorities: which persistence ids, and how their events map to partition events. */
    public interface Family {
        /** The marker name, e.g. "first-design-v4". */
        String marker();

        /** Persistence-id prefix of the old authority, e.g. "Block4|". */
        String persistenceIdPrefix();

        /** The partition events for one old authority's events, by partition. */
        Map<PartitionKey, List<PartitionEvent>> translate(String persistenceId, List<Object> events, long now);
    }

    private CarryOver() {
    }

    /** Runs the carry-over of each family not yet carried over; returns how many events were carried, by marker. */
    public static Map<String, Integer> run(ActorSystem<?> system, DatabaseSettings db, PartitionDirectory partitions,
                                           List<Family> families) {
        Map<String, Integer> carried = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
            try {
                for (Family f : families) {
                    if (done(c, f.marker())) {
                        continue;
                    }
                    int n = carry(system, partitions, f);
                    try (PreparedStatement mark = c.prepareStatement("INSERT INTO dhcp_carry_over (marker, events) VALUES (?, ?)")) {
                        mark.setString(1, f.marker());
                        mark.setInt(2, n);
                        mark.executeUpdate();
                    }
                    carried.put(f.marker(), n);
                    if (n > 0) {
                        log.info("event=leases_carried_over from={} events={}", f.marker(), n);
                    }
                }
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("carrying stored leases over failed: " + e.getMessage(), e);
        }
        return carried;
    }

    private static boolean done(Connection c, String marker) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM dhcp_carry_over WHERE marker = ?")) {
            q.setString(1, marker);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static int carry(ActorSystem<?> system, PartitionDirectory partitions, Family f) {
        JdbcReadJournal journal = PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
        long now = System.currentTimeMillis();
        try {
            List<String> ids = journal.currentPersistenceIds().filter(id -> id.startsWith(f.persistenceIdPrefix()))
                    .runWith(Sink.seq(), system).toCompletableFuture().get(5, TimeUnit.MINUTES);
            int total = 0;
            for (String id : ids) {
                List<Object> events = journal.currentEventsByPersistenceId(id, 0, Long.MAX_VALUE).map(EventEnvelope::event)
                        .runWith(Sink.seq(), system).toCompletableFuture().get(1, TimeUnit.MINUTES);
                List<CompletableFuture<Done>> writes = new ArrayList<>();
                for (Map.Entry<PartitionKey, List<PartitionEvent>> e : f.translate(id, events, now).entrySet()) {
                    if (e.getValue().isEmpty()) {
                        continue;
                    }
                    total += e.getValue().size();
                    writes.add(AskPattern.<PartitionEntity.Command, Done>ask(partitions.partition(e.getKey()),
                            replyTo -> new PartitionEntity.CarryOver(e.getValue(), replyTo), PARTITION_TIMEOUT,
                            system.scheduler()).toCompletableFuture());
                }
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            }
            return total;
        } catch (Exception e) {
            throw new IllegalStateException("carrying " + f.marker() + " leases over failed: " + e, e);
        }
    }
}
