package org.dhcpcluster.lease.readmodel;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The projection of one tag's partition events into the read model: the journal's events of
 * that tag after the stored offset ({@code eventsByTag} is exclusive of it), in groups, each
 * group written in one transaction with its offset ({@link ProjectedGroup}). A failure (database
 * gone, a statement refused) restarts the stream after a backoff from the stored offset, so the
 * read model never skips an event; a statement that keeps failing stops the tag's progress,
 * which {@link ProjectionStatus} and the log show, rather than losing the event.
 */
public final class LeaseProjection {
    /** Up to this many events per transaction, */
    static final int GROUP_SIZE = 500;
    /** or what arrived within this time: a quiet journal's events appear within about this plus the journal's poll. */
    static final Duration GROUP_WITHIN = Duration.ofMillis(200);
    static final RestartSettings RESTART = RestartSettings.create(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);

    private LeaseProjection() {
    }

    /** The tag whose events projection instance {@code index} (0 .. PartitionEntity.TAGS-1) reads. */
    public static String tag(int index) {
        return "leases-" + index;
    }

    /** Runs for ever (restarting on failures); emits the stored offset after each group. */
    public static Source<Long, NotUsed> of(ActorSystem<?> system, DataSource db, String tag) {
        JdbcReadJournal journal = PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
        Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
        return RestartSource.withBackoff(RESTART, () -> Source
                .completionStage(Blocking.on(blocking, () -> {
                    try (Connection c = db.getConnection()) {
                        return ProjectionOffsets.read(c, tag);
                    }
                }))
                .flatMapConcat(offset -> journal.eventsByTag(tag, Offset.sequence(offset)))
                .groupedWithin(GROUP_SIZE, GROUP_WITHIN)
                .mapAsync(1, group -> Blocking.on(blocking, () -> ProjectedGroup.write(db, tag, group))));
    }
}
