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
import org.dhcpcluster.lease.v4.block.AddressBlock4;
import org.dhcpcluster.lease.v4.block.BlockState;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.protocol.v4.Ipv4;

/**
 * Reads the DHCPv4 bindings from the journal itself, the durable record the address blocks
 * are rebuilt from, rather than from any in-memory view. The lease API and the tests that
 * check "no address bound twice" use it; it wakes no entity up.
 */
public final class LeaseJournal4 {
    private final JdbcReadJournal journal;
    private final ActorSystem<?> system;

    /** One address's current record. {@code state} is bound, released, expired or declined. */
    public record Binding(int address, String clientKey, long expiresAt, String state) implements LeaseRecord {
        @Override
        public String addressText() {
            return Ipv4.format(address);
        }
    }

    public LeaseJournal4(ActorSystem<?> system) {
        this.system = system;
        this.journal = PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    }

    /** Every address any block has a record of, in address order, as of {@code now}. */
    public CompletionStage<List<Binding>> bindings(long now) {
        String prefix = AddressBlock4.TYPE_KEY.name() + "|";
        return Stages.plain(journal.currentPersistenceIds()
                .filter(id -> id.startsWith(prefix))
                .mapAsync(4, id -> blockState(id, Ipv4.toInt(Ipv4.parse(id.substring(prefix.length())))))
                .runWith(Sink.seq(), system))
                .thenApply(states -> {
                    List<Binding> out = new ArrayList<>();
                    for (BlockState s : states) {
                        for (int off = 0; off < Policy4.BLOCK_SIZE; off++) {
                            BlockState.Slot slot = s.slots()[off];
                            if (slot != null) {
                                out.add(new Binding(s.base() + off, slot.clientKey(), slot.expiresAt(), describe(slot, now)));
                            }
                        }
                    }
                    out.sort(Comparator.comparingLong(b -> Integer.toUnsignedLong(b.address())));
                    return out;
                });
    }

    private CompletionStage<BlockState> blockState(String persistenceId, int base) {
        return journal.currentEventsByPersistenceId(persistenceId, 0, Long.MAX_VALUE)
                .map(EventEnvelope::event)
                .runFold(BlockState.empty(base), LeaseJournal4::apply, system);
    }

    private static BlockState apply(BlockState s, Object event) {
        return AddressBlock4.applyEvent(s, (AddressBlock4.Event) event);
    }

    private static String describe(BlockState.Slot slot, long now) {
        if (slot.declined()) {
            return slot.expiresAt() > now ? "declined" : "expired";
        }
        return slot.expiresAt() > now ? "bound" : "expired";
    }
}
