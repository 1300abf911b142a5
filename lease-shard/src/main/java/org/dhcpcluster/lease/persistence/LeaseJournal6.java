package org.dhcpcluster.lease.persistence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.dhcpcluster.lease.concurrent.Stages;
import org.dhcpcluster.lease.v6.slice.Slice6;
import org.dhcpcluster.lease.v6.slice.SliceState;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.lease.v6.space.SliceKey;

/**
 * Reads the DHCPv6 bindings (addresses and delegated prefixes) from the journal itself, as
 * {@link LeaseJournal4} does for v4: the durable record the slices are rebuilt from. It wakes
 * no entity up.
 */
public final class LeaseJournal6 {
    private final JdbcReadJournal journal;
    private final ActorSystem<?> system;

    /** One item's current record. */
    public record Binding(Address128 item, int length, String clientKey, long expiresAt, String state) implements LeaseRecord {
        @Override
        public String addressText() {
            return length == 128 ? item.format() : item.format() + "/" + length;
        }
    }

    public LeaseJournal6(ActorSystem<?> system) {
        this.system = system;
        this.journal = PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    }

    /** Every item any slice has a record of, addresses first, in address order, as of {@code now}. */
    public CompletionStage<List<Binding>> bindings(long now) {
        String prefix = Slice6.TYPE_KEY.name() + "|";
        return Stages.plain(journal.currentPersistenceIds()
                .filter(id -> id.startsWith(prefix))
                .mapAsync(4, id -> sliceState(id, SliceKey.parse(id.substring(prefix.length()))))
                .runWith(Sink.seq(), system))
                .thenApply(states -> {
                    List<Binding> out = new ArrayList<>();
                    for (SliceState s : states) {
                        for (int off = 0; off < s.key().size(); off++) {
                            SliceState.Slot slot = s.slot(off);
                            if (slot != null) {
                                out.add(new Binding(s.key().itemAt(off), s.key().length(), slot.holder(), slot.validUntil(),
                                        describe(slot, now)));
                            }
                        }
                    }
                    out.sort(Comparator.comparing((Binding b) -> -b.length()).thenComparing(Binding::item));
                    return out;
                });
    }

    private CompletionStage<SliceState> sliceState(String persistenceId, SliceKey key) {
        return journal.currentEventsByPersistenceId(persistenceId, 0, Long.MAX_VALUE)
                .map(EventEnvelope::event)
                .runFold(SliceState.empty(key), (s, e) -> Slice6.applyEvent(s, (Slice6.Event) e), system);
    }

    private static String describe(SliceState.Slot slot, long now) {
        if (slot.declined()) {
            return slot.validUntil() > now ? "declined" : "expired";
        }
        return slot.validUntil() > now ? "bound" : "expired";
    }
}
