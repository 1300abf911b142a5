package org.dhcpcluster.lease.persistence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.dhcpcluster.lease.concurrent.Stages;
import org.dhcpcluster.lease.partition.Holder;
import org.dhcpcluster.lease.partition.PartitionEntity;
import org.dhcpcluster.lease.partition.PartitionEvent;

/**
 * The partitions' bindings read from the journal itself, event by event, rather than from any
 * entity or view: the durable truth. It also replays each item's whole history and reports
 * every moment an item was bound to one holder while another's binding was still running,
 * which is what "no address bound twice" forbids; a check over current records alone (one row
 * per address) could never show that. Used by tests and diagnostics; it wakes no entity.
 */
public final class PartitionJournal {
    private final JdbcReadJournal journal;
    private final ActorSystem<?> system;

    /** One item's current record. {@code state}: bound, released, expired or declined. */
    public record Item(String entityId, int offset, Holder holder, long expiresAt, String state) {
    }

    /** What the journal holds for one family. */
    public record Contents(List<Item> items, List<String> boundTwice) {
    }

    public PartitionJournal(ActorSystem<?> system) {
        this.system = system;
        this.journal = PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    }

    /** Every item of the family's partitions (4 or 6) with a record, and every double binding ever journaled. */
    public CompletionStage<Contents> read(int family, long now) {
        String prefix = PartitionEntity.TYPE_KEY.name() + "|" + family + ":";
        return Stages.plain(journal.currentPersistenceIds()
                .filter(id -> id.startsWith(prefix))
                .mapAsync(4, id -> journal.currentEventsByPersistenceId(id, 0, Long.MAX_VALUE).map(EventEnvelope::event)
                        .runWith(Sink.seq(), system).thenApply(events -> Pair.create(id.substring(prefix.length() - 2), events)))
                .runWith(Sink.seq(), system))
                .thenApply(all -> {
                    List<Item> items = new ArrayList<>();
                    List<String> twice = new ArrayList<>();
                    for (Pair<String, List<Object>> p : all) {
                        replay(p.first(), p.second(), now, items, twice);
                    }
                    return new Contents(items, twice);
                });
    }

    private record Slot(Holder holder, long expiresAt, String state) {
    }

    static void replay(String entityId, List<Object> events, long now, List<Item> items, List<String> twice) {
        Map<Integer, Slot> slots = new HashMap<>();
        for (Object o : events) {
            if (o instanceof PartitionEvent.Bound b) {
                Holder h = new Holder(b.subnetId(), b.holder());
                Slot prev = slots.get(b.offset());
                if (prev != null && prev.state.equals("bound") && prev.expiresAt > b.at() && !prev.holder.equals(h)) {
                    twice.add(entityId + " item " + b.offset() + " bound to " + h + " at " + b.at() + " while " + prev.holder
                            + " held it until " + prev.expiresAt);
                }
                slots.put(b.offset(), new Slot(h, b.expiresAt(), "bound"));
            } else if (o instanceof PartitionEvent.Renewed r) {
                Slot prev = slots.get(r.offset());
                if (prev != null) {
                    slots.put(r.offset(), new Slot(prev.holder, r.expiresAt(), "bound"));
                }
            } else if (o instanceof PartitionEvent.Released r) {
                Slot prev = slots.get(r.offset());
                if (prev != null) {
                    slots.put(r.offset(), new Slot(prev.holder, r.at(), "released"));
                }
            } else if (o instanceof PartitionEvent.Declined d) {
                slots.put(d.offset(), new Slot(new Holder(d.subnetId(), d.holder()), d.quarantinedUntil(), "declined"));
            }
        }
        slots.forEach((offset, s) -> {
            String state = s.state.equals("released") ? "released" : s.expiresAt > now ? s.state : "expired";
            items.add(new Item(entityId, offset, s.holder, s.expiresAt, state));
        });
    }
}
