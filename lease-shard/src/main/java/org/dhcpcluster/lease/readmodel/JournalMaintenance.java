package org.dhcpcluster.lease.readmodel;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link JournalPruner} and the {@link HistoryRetention} every {@code interval}, from
 * one place in the cluster (a cluster singleton: on the oldest node, moving when it leaves), so
 * two nodes never delete the same rows at once. One run at a time: the next is scheduled only
 * when the last has finished.
 */
public final class JournalMaintenance {
    private static final Logger log = LoggerFactory.getLogger(JournalMaintenance.class);

    /**
     * @param historyRetention how long ended lease history is kept
     * @param journalMinAge journal rows younger than this stay (split-brain protection, see JournalPruner)
     * @param interval time between runs
     * @param batch rows per delete transaction
     */
    public record Settings(Duration historyRetention, Duration journalMinAge, Duration interval, int batch) {
        public static final Duration DEFAULT_RETENTION = Duration.ofDays(400);
        public static final Duration JOURNAL_MIN_AGE = Duration.ofMinutes(10);

        public static Settings withRetention(Duration historyRetention) {
            return new Settings(historyRetention, JOURNAL_MIN_AGE, Duration.ofMinutes(1), 1000);
        }
    }

    /** A self-message: start a run, or a run has ended. Never sent across nodes. */
    interface Command {
    }

    private enum Run implements Command { INSTANCE }

    private record Finished(long journalRows, long historyRows, Throwable failure) implements Command {
    }

    private JournalMaintenance() {
    }

    public static void init(ActorSystem<?> system, DataSource db, Settings settings, Clock clock) {
        ClusterSingleton.get(system).init(SingletonActor.of(
                Behaviors.supervise(behavior(db, settings, clock)).onFailure(SupervisorStrategy.restart()), "journal-maintenance"));
    }

    static Behavior<Command> behavior(DataSource db, Settings settings, Clock clock) {
        JournalPruner pruner = new JournalPruner(db, settings.journalMinAge(), settings.batch());
        HistoryRetention retention = new HistoryRetention(db, settings.historyRetention(), settings.batch());
        return Behaviors.withTimers(timers -> Behaviors.setup(context -> {
            Executor blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
            timers.startSingleTimer(Run.INSTANCE, settings.interval());
            return Behaviors.receive(Command.class)
                    .onMessage(Run.class, run -> {
                        context.pipeToSelf(Blocking.on(blocking, () -> {
                            long now = clock.millis();
                            return new long[] {pruner.prune(now), retention.apply(now)};
                        }), (counts, failure) -> failure != null ? new Finished(0, 0, failure) : new Finished(counts[0], counts[1], null));
                        return Behaviors.same();
                    })
                    .onMessage(Finished.class, done -> {
                        if (done.failure() != null) {
                            log.warn("event=journal_maintenance_failed error={}", done.failure().toString());
                        } else if (done.journalRows() > 0 || done.historyRows() > 0) {
                            log.info("event=journal_maintenance journal_rows_deleted={} history_rows_deleted={}", done.journalRows(),
                                    done.historyRows());
                        }
                        timers.startSingleTimer(Run.INSTANCE, settings.interval());
                        return Behaviors.same();
                    })
                    .build();
        }));
    }
}
