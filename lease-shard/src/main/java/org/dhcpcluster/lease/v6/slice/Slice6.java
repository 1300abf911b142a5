package org.dhcpcluster.lease.v6.slice;

import java.time.Clock;
import java.util.BitSet;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.dhcpcluster.lease.holds.OfferHolds;
import org.dhcpcluster.lease.serialization.KryoSerializable;
import org.dhcpcluster.lease.v6.policy.Policy6;
import org.dhcpcluster.lease.v6.space.SliceKey;

/**
 * The single authority over one slice of DHCPv6 items ({@link SliceKey}: an aligned /112 of
 * addresses, or 65,536 aligned delegated prefixes of one length). Every advertisement and
 * every binding of an item in the slice passes through this entity, and a binding is
 * answered only after its event is in the journal, so no address or prefix is ever bound to
 * two leases. Sharding keeps one live instance per slice in the cluster.
 *
 * <p>Items are named by their offset in the slice; the lease entity translates.
 */
public final class Slice6 extends EventSourcedBehaviorWithEnforcedReplies<Slice6.Command, Slice6.Event, SliceState> {

    // ---- commands -----------------------------------------------------------------------

    public sealed interface Command extends KryoSerializable {
    }

    /**
     * Hold an item for a lease being advertised one. {@code preferred} (-1 for none) is tried
     * first; when {@code reservation} is set only that item will do. Otherwise the search
     * starts at {@code start}.
     */
    public record Offer(String holder, int preferred, boolean reservation, int start, ActorRef<OfferResult> replyTo)
            implements Command {
    }

    /** Bind (or extend) an item for a lease until {@code validUntil} (epoch ms). */
    public record Bind(String holder, int offset, long validUntil, boolean reservation, ActorRef<BindResult> replyTo)
            implements Command {
    }

    public record Release(String holder, int offset, ActorRef<Released> replyTo) implements Command {
    }

    /** The client's duplicate address detection found the address in use (RFC 8415 section 18.2.8): withhold it. */
    public record Decline(String holder, int offset, long quarantinedUntil, ActorRef<Declined> replyTo) implements Command {
    }

    /** The client went elsewhere: free its hold now rather than when the hold runs out. */
    public record WithdrawOffer(String holder) implements Command {
    }

    // ---- replies ------------------------------------------------------------------------

    public sealed interface OfferResult extends KryoSerializable {
    }

    public record Offered(int offset) implements OfferResult {
    }

    public record NoFreeItem() implements OfferResult {
    }

    public sealed interface BindResult extends KryoSerializable {
    }

    public record Bound(int offset, long validUntil) implements BindResult {
    }

    public record Refused(int offset, Refusal reason) implements BindResult {
    }

    /** Why a bind was refused. */
    public enum Refusal {
        /** another lease holds it (bound, or advertised to it) */
        IN_USE,
        /** not in a pool of this policy and not the caller's reservation */
        NOT_ALLOCATABLE,
        /** a client declined it and its quarantine has not ended */
        DECLINED
    }

    public record Released(boolean wasBound) implements KryoSerializable {
    }

    public record Declined() implements KryoSerializable {
    }

    // ---- events (persisted: their Kryo form is part of the stored format) -----------------

    public sealed interface Event extends KryoSerializable {
        int offset();
    }

    public record ItemBound(int offset, String holder, long validUntil) implements Event {
    }

    public record ItemReleased(int offset, String holder, long at) implements Event {
    }

    public record ItemDeclined(int offset, String holder, long quarantinedUntil) implements Event {
    }

    // ---- sharding -----------------------------------------------------------------------

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Slice6");

    public static void init(ActorSystem<?> system, Supplier<Policy6> policy, Clock clock) {
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, ctx ->
                create(PersistenceId.of(TYPE_KEY.name(), ctx.getEntityId()), SliceKey.parse(ctx.getEntityId()), policy, clock)));
    }

    public static Slice6 create(PersistenceId id, SliceKey key, Supplier<Policy6> policy, Clock clock) {
        return new Slice6(id, key, policy, clock);
    }

    // ---- entity -------------------------------------------------------------------------

    private final SliceKey key;
    private final Supplier<Policy6> policy;
    private final Clock clock;
    private final OfferHolds holds = new OfferHolds();
    private BitSet dynamicOffsets;
    private Policy6 dynamicOffsetsOf;

    private Slice6(PersistenceId id, SliceKey key, Supplier<Policy6> policy, Clock clock) {
        super(id);
        this.key = key;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public SliceState emptyState() {
        return SliceState.empty(key);
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        // A busy slice appends an event per client every T1; snapshots bound recovery. Events
        // are kept: they are the lease history.
        return RetentionCriteria.snapshotEvery(500, 2);
    }

    private BitSet dynamic() {
        Policy6 p = policy.get();
        if (p != dynamicOffsetsOf) {
            dynamicOffsets = p.dynamicOffsets(key);
            dynamicOffsetsOf = p;
        }
        return dynamicOffsets;
    }

    private boolean allocatable(int offset, boolean reservation) {
        if (offset < 0 || offset >= key.size()) {
            return false;
        }
        return reservation ? policy.get().reservationOf(key.itemAt(offset), key.length()).isPresent() : dynamic().get(offset);
    }

    @Override
    public CommandHandlerWithReply<Command, Event, SliceState> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(Offer.class, this::onOffer)
                .onCommand(Bind.class, this::onBind)
                .onCommand(Release.class, this::onRelease)
                .onCommand(Decline.class, this::onDecline)
                .onCommand(WithdrawOffer.class, (state, cmd) -> {
                    holds.release(cmd.holder());
                    return Effect().noReply();
                })
                .build();
    }

    private ReplyEffect<Event, SliceState> onOffer(SliceState state, Offer cmd) {
        long now = clock.millis();
        holds.expire(now);
        long until = now + policy.get().offerHold().toMillis();
        int p = cmd.preferred();
        if (p >= 0 && allocatable(p, cmd.reservation()) && state.availableTo(p, cmd.holder(), now)
                && !holds.heldByOther(p, cmd.holder(), now)) {
            holds.hold(p, cmd.holder(), until);
            return Effect().reply(cmd.replyTo(), new Offered(p));
        }
        if (cmd.reservation()) {
            return Effect().reply(cmd.replyTo(), new NoFreeItem());
        }
        OptionalInt picked = state.pick(dynamic(), cmd.start() & (key.size() - 1), now, holds, cmd.holder());
        if (picked.isEmpty()) {
            return Effect().reply(cmd.replyTo(), new NoFreeItem());
        }
        holds.hold(picked.getAsInt(), cmd.holder(), until);
        return Effect().reply(cmd.replyTo(), new Offered(picked.getAsInt()));
    }

    private ReplyEffect<Event, SliceState> onBind(SliceState state, Bind cmd) {
        long now = clock.millis();
        int o = cmd.offset();
        if (!allocatable(o, cmd.reservation())) {
            return Effect().reply(cmd.replyTo(), new Refused(o, Refusal.NOT_ALLOCATABLE));
        }
        SliceState.Slot s = state.slot(o);
        if (s != null && s.declined() && s.validUntil() > now) {
            return Effect().reply(cmd.replyTo(), new Refused(o, Refusal.DECLINED));
        }
        if (!state.availableTo(o, cmd.holder(), now) || holds.heldByOther(o, cmd.holder(), now)) {
            return Effect().reply(cmd.replyTo(), new Refused(o, Refusal.IN_USE));
        }
        return Effect().persist(new ItemBound(o, cmd.holder(), cmd.validUntil()))
                .thenRun(after -> holds.release(cmd.holder()))
                .thenReply(cmd.replyTo(), after -> new Bound(o, cmd.validUntil()));
    }

    private ReplyEffect<Event, SliceState> onRelease(SliceState state, Release cmd) {
        long now = clock.millis();
        holds.release(cmd.holder());
        SliceState.Slot s = cmd.offset() >= 0 && cmd.offset() < key.size() ? state.slot(cmd.offset()) : null;
        if (s == null || s.declined() || s.validUntil() <= now || !s.holder().equals(cmd.holder())) {
            return Effect().reply(cmd.replyTo(), new Released(false));
        }
        return Effect().persist(new ItemReleased(cmd.offset(), cmd.holder(), now))
                .thenReply(cmd.replyTo(), after -> new Released(true));
    }

    private ReplyEffect<Event, SliceState> onDecline(SliceState state, Decline cmd) {
        holds.release(cmd.holder());
        long now = clock.millis();
        // Only the item's own holder (or nobody) can have it quarantined: a DECLINE naming
        // another client's address must not evict that client.
        if (cmd.offset() < 0 || cmd.offset() >= key.size() || !state.availableTo(cmd.offset(), cmd.holder(), now)) {
            return Effect().reply(cmd.replyTo(), new Declined());
        }
        return Effect().persist(new ItemDeclined(cmd.offset(), cmd.holder(), cmd.quarantinedUntil()))
                .thenReply(cmd.replyTo(), after -> new Declined());
    }

    @Override
    public EventHandler<SliceState, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(Slice6::applyEvent);
    }

    /** The event handler, public so the journal can be read back without running the entity. */
    public static SliceState applyEvent(SliceState s, Event e) {
        if (e instanceof ItemBound b) {
            return s.with(b.offset(), new SliceState.Slot(b.holder(), b.validUntil(), false));
        } else if (e instanceof ItemReleased r) {
            // The releaser stays on record (expired now), so it is offered the same item first.
            return s.with(r.offset(), new SliceState.Slot(r.holder(), r.at(), false));
        } else if (e instanceof ItemDeclined d) {
            return s.with(d.offset(), new SliceState.Slot(d.holder(), d.quarantinedUntil(), true));
        }
        throw new IllegalArgumentException("unknown slice event " + e);
    }
}
