package org.dhcpcluster.lease.carryover;

import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * Writes events under a persistence id exactly as an entity of the first design did (same
 * persistence id, same Kryo-serialized event types), so the carry-over reads a journal that
 * looks like one that design left behind.
 */
final class LegacyJournalWriter extends EventSourcedBehavior<LegacyJournalWriter.Write, Object, Integer> {
    record Write(List<Object> events, ActorRef<Done> replyTo) {
    }

    LegacyJournalWriter(String persistenceId) {
        super(PersistenceId.ofUniqueId(persistenceId));
    }

    @Override
    public Integer emptyState() {
        return 0;
    }

    @Override
    public CommandHandler<Write, Object, Integer> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Write.class, (state, w) -> Effect().persist(w.events()).thenRun(s -> w.replyTo().tell(Done.getInstance())))
                .build();
    }

    @Override
    public EventHandler<Integer, Object> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent((state, e) -> state + 1);
    }
}
