package org.dhcpcluster.lease.partition;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.dhcpcluster.lease.serialization.KryoSerializable;
import org.dhcpcluster.lease.sharding.IdlePassivation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single authority over one partition of addresses or prefixes ({@link PartitionKey}):
 * every offer and every binding of its items is decided here, one message at a time, and
 * a binding is acknowledged only once its event is in the journal. Sharding runs one instance
 * per partition in the cluster; should two ever overlap (a partition, a node wrongly taken for
 * dead), the journal's primary key (persistence id, sequence number) refuses the writes of the
 * one that missed the other's events, and it answers nothing.
 *
 * <p>One entity shell for every family: the rules ({@link PartitionRules}) decide, this persists
 * and replies. Writes are batched: a decision's events are applied at once and a
 * {@link Flush} is queued behind the messages already waiting, so everything decided meanwhile
 * goes to the journal in one write, and the replies that depend on it leave after it. A busy
 * partition therefore costs one journal round trip per batch, not per client.
 *
 * <p>Entity id: {@link PartitionKey#entityId()}.
 */
public final class PartitionEntity extends EventSourcedBehaviorWithEnforcedReplies<PartitionEntity.Command, PartitionEvent, PartitionState> {

    /** Events between snapshots: recovery reads one snapshot and at most this many events. */
    static final int SNAPSHOT_EVERY = 500;
    /** Tags spread the read-model projection over this many streams. */
    public static final int TAGS = 4;
    /** Exchanges younger than this are handed to the next incarnation (copies delayed by the move). */
    static final long HANDOVER_HORIZON_MS = 10_000;
    /** Partitions serve many clients and are worth keeping; an idle one recovers from its snapshot. */
    static final Duration PASSIVATE_AFTER = Duration.ofMinutes(30);

    // ---- commands ------------------------------------------------------------------------

    public sealed interface Command {
    }

    /** A client message for this partition; the answer goes to {@code replyTo}. */
    public record Handle(PartitionRequest request, ActorRef<PartitionAnswer> replyTo) implements Command, KryoSerializable {
    }

    /** The client took another server's offer: let its hold go now rather than when it runs out. */
    public record Withdraw(Holder holder) implements Command, KryoSerializable {
    }

    /**
     * Bindings carried over from an earlier lease design: journaled unless the item already has
     * a record here (so a repeated carry-over changes nothing).
     */
    public record CarryOver(List<PartitionEvent> events, ActorRef<Done> replyTo) implements Command, KryoSerializable {
        public CarryOver {
            events = List.copyOf(events);
        }
    }

    /** Recover now if not yet running, and say so: a node warms its partitions before it reports ready. */
    public record Wake(ActorRef<Done> replyTo) implements Command, KryoSerializable {
    }

    /** Sharding stops the partition (its shard moves, the node leaves, or it was idle). Sent locally. */
    public record Stop() implements Command, KryoSerializable {
    }

    /** Write what was decided since the last write. Sent to itself. */
    private record Flush() implements Command {
    }

    public static final Command STOP = new Stop();
    private static final Command FLUSH = new Flush();

    // ---- sharding ------------------------------------------------------------------------

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Partition");

    /** {@code rules} by family (4, 6): a node serving only DHCPv4 passes only 4. */
    public static void init(ActorSystem<?> system, Map<Integer, PartitionRules> rules, Clock clock) {
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, ctx -> create(ctx.getEntityId(), rules, clock))
                .withStopMessage(STOP)
                .withSettings(IdlePassivation.after(system, PASSIVATE_AFTER)));
    }

    public static Behavior<Command> create(String entityId, Map<Integer, PartitionRules> rulesByFamily, Clock clock) {
        int colon = entityId.indexOf(':');
        PartitionRules rules = colon < 0 ? null : rulesByFamily.get(familyOf(entityId));
        if (rules == null) {
            throw new IllegalArgumentException("no partition family serves entity id " + entityId);
        }
        PartitionKey key = rules.key(entityId.substring(colon + 1));
        return Behaviors.setup(context -> new PartitionEntity(context, PersistenceId.of(TYPE_KEY.name(), key.entityId()),
                Set.of(tagOf(key.entityId())), key, rules, clock));
    }

    /**
     * A partition outside sharding under its own persistence id, its events untagged (no
     * projection reads them): what a node runs its warm-up through, journal and all, without
     * touching a real partition.
     */
    public static Behavior<Command> detached(String persistenceId, PartitionKey key, PartitionRules rules, Clock clock) {
        return Behaviors.setup(context -> new PartitionEntity(context, PersistenceId.ofUniqueId(persistenceId), Set.of(), key, rules, clock));
    }

    private static int familyOf(String entityId) {
        return entityId.startsWith("4:") ? 4 : entityId.startsWith("6:") ? 6 : 0;
    }

    /** The tag of a partition's events: which projection stream reads them. */
    public static String tagOf(String entityId) {
        return "leases-" + Math.floorMod(entityId.hashCode(), TAGS);
    }

    // ---- entity --------------------------------------------------------------------------

    private static final Logger log = LoggerFactory.getLogger(PartitionEntity.class);

    private final ActorContext<Command> context;
    private final PartitionKey key;
    private final PartitionRules rules;
    private final Clock clock;
    private final Set<String> tags;
    private boolean flushQueued;

    private PartitionEntity(ActorContext<Command> context, PersistenceId id, Set<String> tags, PartitionKey key, PartitionRules rules,
                            Clock clock) {
        // Pekko logs every restart with its stack trace: with the database overloaded or down,
        // hundreds of partitions failing at once wrote thousands of lines a second and starved
        // the node's CPU. One line per restart instead (signalHandler); the database's state is
        // in the journal's own errors and the node's readiness.
        super(id, SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2).withLoggingEnabled(false));
        this.context = context;
        this.key = key;
        this.rules = rules;
        this.clock = clock;
        this.tags = tags;
    }

    @Override
    public PartitionState emptyState() {
        // Called once per entity: a restart recovers onto this same object, emptied (signalHandler).
        flushQueued = false;
        return new PartitionState(key.size());
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        // Events are not deleted here: the journal pruner deletes them once the read model has
        // them and an older snapshot covers them (JournalPruner).
        return RetentionCriteria.snapshotEvery(SNAPSHOT_EVERY, 2);
    }

    @Override
    public SnapshotAdapter<PartitionState> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(PartitionState state) {
                return state.snapshot();
            }

            @Override
            public PartitionState fromJournal(Object from) {
                return PartitionState.from((PartitionSnapshot) from);
            }
        };
    }

    @Override
    public Set<String> tagsFor(PartitionEvent event) {
        return event instanceof PartitionEvent.HandedOver ? Set.of() : tags;
    }

    @Override
    public CommandHandlerWithReply<Command, PartitionEvent, PartitionState> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(Handle.class, this::onHandle)
                .onCommand(Withdraw.class, (state, cmd) -> {
                    state.holds().release(cmd.holder());
                    return Effect().noReply();
                })
                .onCommand(Flush.class, (state, cmd) -> {
                    flushQueued = false;
                    return write(state, List.of()).thenNoReply();
                })
                .onCommand(CarryOver.class, this::onCarryOver)
                .onCommand(Wake.class, (state, cmd) -> Effect().reply(cmd.replyTo(), Done.getInstance()))
                .onCommand(Stop.class, this::onStop)
                .build();
    }

    private ReplyEffect<PartitionEvent, PartitionState> onHandle(PartitionState state, Handle cmd) {
        long now = clock.millis();
        PartitionRequest r = cmd.request();
        long window = rules.offerHoldMs();
        state.holds().expire(now);
        state.declines().expire(now, rules.floodLimits().declineWindow().toMillis());
        // Beyond a few seconds a message is re-decided rather than repeated, which gives the same
        // answer; keeping every client's last messages longer only feeds the garbage collector.
        state.recent().expire(now, HANDOVER_HORIZON_MS);
        switch (state.recent().classify(r.holder(), r.xid(), r.type(), r.elapsed(), r.receivedAt(), window)) {
            case COPY:
                return respond(state, cmd.replyTo(), rules.copy());
            case RETRANSMISSION: {
                PartitionAnswer again = (PartitionAnswer) state.recent().lastAnswer(r.holder(), r.type());
                state.recent().record(r.holder(), r.xid(), r.type(), r.elapsed(), r.receivedAt(), again);
                return respond(state, cmd.replyTo(), again);
            }
            default:
                break;
        }
        Decision d = rules.decide(r, key, state, now);
        state.take(d, r.holder());
        if (d.answer().remembered()) {
            state.recent().record(r.holder(), r.xid(), r.type(), r.elapsed(), r.receivedAt(), d.answer());
        }
        return respond(state, cmd.replyTo(), d.answer());
    }

    /**
     * Answers now, or after the pending write when one is pending: an answer decided on state
     * that is not yet durable (an ACK above all) must not overtake the write it depends on.
     */
    private ReplyEffect<PartitionEvent, PartitionState> respond(PartitionState state, ActorRef<PartitionAnswer> replyTo,
                                                                 PartitionAnswer answer) {
        if (!state.writePending()) {
            return Effect().reply(replyTo, answer);
        }
        state.afterWrite(() -> replyTo.tell(answer));
        if (!flushQueued) {
            flushQueued = true;
            context.getSelf().tell(FLUSH);
        }
        return Effect().noReply();
    }

    /** Writes the pending events and then {@code more}, and sends the replies that waited for them. */
    private org.apache.pekko.persistence.typed.javadsl.EffectBuilder<PartitionEvent, PartitionState> write(
            PartitionState state, List<PartitionEvent> more) {
        List<PartitionEvent> events = new ArrayList<>(state.takePendingEvents());
        events.addAll(more);
        List<Runnable> replies = state.takePendingReplies();
        if (events.isEmpty()) {
            replies.forEach(Runnable::run);
            return Effect().none();
        }
        return Effect().persist(events).thenRun(s -> replies.forEach(Runnable::run));
    }

    private ReplyEffect<PartitionEvent, PartitionState> onCarryOver(PartitionState state, CarryOver cmd) {
        List<PartitionEvent> fresh = new ArrayList<>();
        for (PartitionEvent e : cmd.events()) {
            int offset = e instanceof PartitionEvent.Bound b ? b.offset() : e instanceof PartitionEvent.Declined d ? d.offset() : -1;
            if (offset >= 0 && offset < key.size() && state.slots().state(offset) == Slots.FREE) {
                fresh.add(e);
            }
        }
        return write(state, fresh).thenReply(cmd.replyTo(), s -> Done.getInstance());
    }

    private ReplyEffect<PartitionEvent, PartitionState> onStop(PartitionState state, Stop stop) {
        long now = clock.millis();
        List<OfferHolds.Held> offers = state.holds().outstanding(now);
        List<RecentExchanges.Exchange> recent = state.recent().recent(now, HANDOVER_HORIZON_MS);
        List<PartitionEvent> handover = offers.isEmpty() && recent.isEmpty()
                ? List.of() : List.of(new PartitionEvent.HandedOver(offers, recent));
        return write(state, handover).thenStop().thenNoReply();
    }

    @Override
    public SignalHandler<PartitionState> signalHandler() {
        // Pekko calls emptyState() once and recovers a restarted entity (after a failed write)
        // onto that same object; this state is mutable and holds the decisions applied ahead of
        // the write that failed, which were never written: start it empty again.
        return newSignalHandlerBuilder().onSignal(PreRestart.instance(), state -> {
            log.warn("event=partition_restarting partition={} reason=\"a journal write or recovery failed\"", key.entityId());
            flushQueued = false;
            state.forgetAll();
        }).build();
    }

    @Override
    public EventHandler<PartitionState, PartitionEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(PartitionState::onEvent);
    }
}
