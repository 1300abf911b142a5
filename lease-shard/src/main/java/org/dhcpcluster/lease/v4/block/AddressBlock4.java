package org.dhcpcluster.lease.v4.block;

import java.time.Clock;
import java.util.BitSet;
import java.util.List;
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
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.protocol.v4.Ipv4;

/**
 * The single authority over one block of {@value Policy4#BLOCK_SIZE} IPv4 addresses. Every
 * offer and every binding of an address in the block passes through this entity, and a
 * binding is answered only after its event is in the journal: that is what makes "no address
 * bound to two clients" hold across nodes, rebalancing and restarts. Sharding guarantees one
 * live instance per block in the cluster.
 *
 * <p>Entity id: the block's first address in dotted form, e.g. {@code 198.18.4.0}.
 */
public final class AddressBlock4 extends EventSourcedBehaviorWithEnforcedReplies<AddressBlock4.Command, AddressBlock4.Event, BlockState> {

    // ---- commands -----------------------------------------------------------------------

    public sealed interface Command extends KryoSerializable {
    }

    /**
     * Hold an address for a client that is being offered one. {@code preferred} (0 for none)
     * is tried first: the client's previous or requested address, or its reservation when
     * {@code reservation} is set, in which case no other address is picked.
     */
    public record Offer(String clientKey, int preferred, boolean reservation, ActorRef<OfferResult> replyTo) implements Command {
    }

    /** Bind (or extend) an address for a client until {@code expiresAt} (epoch ms). */
    public record Bind(String clientKey, int address, long expiresAt, boolean reservation, ActorRef<BindResult> replyTo)
            implements Command {
    }

    public record Release(String clientKey, int address, ActorRef<Released> replyTo) implements Command {
    }

    /** The client found the address in use on its link (RFC 2131 section 4.4.1): withhold it. */
    public record Decline(String clientKey, int address, long quarantinedUntil, ActorRef<Declined> replyTo) implements Command {
    }

    /** The client took another server's offer or went away: free its hold now rather than at expiry. */
    public record WithdrawOffer(String clientKey) implements Command {
    }

    /** Sharding stops the block (its shard moves, or the node leaves); sent locally by the shard. */
    public record Stop() implements Command {
    }

    /** What sharding sends to stop a block. */
    public static final Command STOP = new Stop();

    // ---- replies ------------------------------------------------------------------------

    public sealed interface OfferResult extends KryoSerializable {
    }

    public record Offered(int address) implements OfferResult {
    }

    public record NoFreeAddress() implements OfferResult {
    }

    public sealed interface BindResult extends KryoSerializable {
    }

    public record Bound(int address, long expiresAt) implements BindResult {
    }

    public record Refused(int address, Refusal reason) implements BindResult {
    }

    /** Why a bind was refused. */
    public enum Refusal {
        /** another client holds it (bound, or offered to it) */
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
        int address();
    }

    public record AddressBound(int address, String clientKey, long expiresAt) implements Event {
    }

    public record AddressReleased(int address, String clientKey, long at) implements Event {
    }

    public record AddressDeclined(int address, String clientKey, long quarantinedUntil) implements Event {
    }

    /**
     * Offers outstanding when the block was stopped to move: restored by its next incarnation,
     * so they are not offered to other clients meanwhile. Not a binding; the bindings it reads
     * back ignore it.
     */
    public record OffersHandedOver(List<OfferHolds.Held> offers) implements Event {
        /** The first address held, 0 if none: events name an address, this one several. */
        @Override
        public int address() {
            return offers.isEmpty() ? 0 : offers.get(0).address();
        }
    }

    // ---- sharding -----------------------------------------------------------------------

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Block4");

    public static void init(ActorSystem<?> system, Supplier<Policy4> policy, Clock clock) {
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, ctx ->
                create(PersistenceId.of(TYPE_KEY.name(), ctx.getEntityId()), Ipv4.toInt(Ipv4.parse(ctx.getEntityId())), policy, clock))
                .withStopMessage(STOP));
    }

    public static String entityId(int address) {
        return Ipv4.format(Policy4.blockBase(address));
    }

    public static AddressBlock4 create(PersistenceId id, int base, Supplier<Policy4> policy, Clock clock) {
        return new AddressBlock4(id, base, policy, clock);
    }

    // ---- entity -------------------------------------------------------------------------

    private final int base;
    private final Supplier<Policy4> policy;
    private final Clock clock;
    private final OfferHolds holds = new OfferHolds();
    private BitSet dynamicOffsets;
    private Policy4 dynamicOffsetsOf;

    private AddressBlock4(PersistenceId id, int base, Supplier<Policy4> policy, Clock clock) {
        super(id);
        if (Policy4.blockBase(base) != base) {
            throw new IllegalArgumentException(Ipv4.format(base) + " is not the first address of a block");
        }
        this.base = base;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public BlockState emptyState() {
        return BlockState.empty(base);
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        // Renewals append an event per client every T1; a snapshot bounds recovery to a few
        // hundred events. Events are kept: they are the lease history.
        return RetentionCriteria.snapshotEvery(200, 2);
    }

    /** The dynamic offsets of this block under the current policy (recomputed when it changes). */
    private BitSet dynamic() {
        Policy4 p = policy.get();
        if (p != dynamicOffsetsOf) {
            dynamicOffsets = p.dynamicOffsets(base);
            dynamicOffsetsOf = p;
        }
        return dynamicOffsets;
    }

    private boolean allocatable(int address, boolean reservation) {
        if (!Policy4.isInBlock(base, address)) {
            return false;
        }
        return reservation ? policy.get().reservationOf(address).isPresent() : dynamic().get(address - base);
    }

    @Override
    public CommandHandlerWithReply<Command, Event, BlockState> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(Offer.class, this::onOffer)
                .onCommand(Bind.class, this::onBind)
                .onCommand(Release.class, this::onRelease)
                .onCommand(Decline.class, this::onDecline)
                .onCommand(Stop.class, this::onStop)
                .onCommand(WithdrawOffer.class, (state, cmd) -> {
                    holds.release(cmd.clientKey());
                    return Effect().noReply();
                })
                .build();
    }

    private ReplyEffect<Event, BlockState> onOffer(BlockState state, Offer cmd) {
        long now = clock.millis();
        holds.expire(now);
        long until = now + policy.get().offerHold().toMillis();
        int p = cmd.preferred();
        if (p != 0 && allocatable(p, cmd.reservation()) && state.availableTo(p, cmd.clientKey(), now)
                && !holds.heldByOther(p, cmd.clientKey(), now)) {
            holds.hold(p, cmd.clientKey(), until);
            return Effect().reply(cmd.replyTo(), new Offered(p));
        }
        if (cmd.reservation()) {
            return Effect().reply(cmd.replyTo(), new NoFreeAddress());
        }
        OptionalInt picked = state.pick(dynamic(), now, holds, cmd.clientKey());
        if (picked.isEmpty()) {
            return Effect().reply(cmd.replyTo(), new NoFreeAddress());
        }
        holds.hold(picked.getAsInt(), cmd.clientKey(), until);
        return Effect().reply(cmd.replyTo(), new Offered(picked.getAsInt()));
    }

    private ReplyEffect<Event, BlockState> onBind(BlockState state, Bind cmd) {
        long now = clock.millis();
        int a = cmd.address();
        if (!allocatable(a, cmd.reservation())) {
            return Effect().reply(cmd.replyTo(), new Refused(a, Refusal.NOT_ALLOCATABLE));
        }
        BlockState.Slot s = state.slot(a);
        if (s != null && s.declined() && s.expiresAt() > now) {
            return Effect().reply(cmd.replyTo(), new Refused(a, Refusal.DECLINED));
        }
        if (!state.availableTo(a, cmd.clientKey(), now) || holds.heldByOther(a, cmd.clientKey(), now)) {
            return Effect().reply(cmd.replyTo(), new Refused(a, Refusal.IN_USE));
        }
        return Effect().persist(new AddressBound(a, cmd.clientKey(), cmd.expiresAt()))
                .thenRun(after -> holds.release(cmd.clientKey()))
                .thenReply(cmd.replyTo(), after -> new Bound(a, cmd.expiresAt()));
    }

    private ReplyEffect<Event, BlockState> onRelease(BlockState state, Release cmd) {
        long now = clock.millis();
        holds.release(cmd.clientKey());
        BlockState.Slot s = state.contains(cmd.address()) ? state.slot(cmd.address()) : null;
        if (s == null || s.declined() || s.expiresAt() <= now || !s.clientKey().equals(cmd.clientKey())) {
            return Effect().reply(cmd.replyTo(), new Released(false));
        }
        return Effect().persist(new AddressReleased(cmd.address(), cmd.clientKey(), now))
                .thenReply(cmd.replyTo(), after -> new Released(true));
    }

    private ReplyEffect<Event, BlockState> onDecline(BlockState state, Decline cmd) {
        holds.release(cmd.clientKey());
        long now = clock.millis();
        // Only the address's own holder (or nobody) can have it quarantined: a DECLINE naming
        // another client's address must not evict that client.
        if (!state.contains(cmd.address()) || !state.availableTo(cmd.address(), cmd.clientKey(), now)) {
            return Effect().reply(cmd.replyTo(), new Declined());
        }
        return Effect().persist(new AddressDeclined(cmd.address(), cmd.clientKey(), cmd.quarantinedUntil()))
                .thenReply(cmd.replyTo(), after -> new Declined());
    }

    private ReplyEffect<Event, BlockState> onStop(BlockState state, Stop stop) {
        List<OfferHolds.Held> outstanding = holds.outstanding(clock.millis());
        if (outstanding.isEmpty()) {
            return Effect().stop().thenNoReply();
        }
        return Effect().persist(new OffersHandedOver(outstanding)).thenStop().thenNoReply();
    }

    @Override
    public EventHandler<BlockState, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent((s, e) -> {
            if (e instanceof OffersHandedOver h) {
                // Stale holds are harmless: every check compares their end with the clock.
                h.offers().forEach(o -> holds.hold(o.address(), o.clientKey(), o.until()));
            }
            return applyEvent(s, e);
        });
    }

    /** The event handler, public so the journal can be read back without running the entity. */
    public static BlockState applyEvent(BlockState s, Event e) {
        if (e instanceof AddressBound b) {
            return s.with(b.address(), new BlockState.Slot(b.clientKey(), b.expiresAt(), false));
        } else if (e instanceof AddressReleased r) {
            // The releaser stays on record (expired now), so it gets the same address back first.
            return s.with(r.address(), new BlockState.Slot(r.clientKey(), r.at(), false));
        } else if (e instanceof AddressDeclined d) {
            return s.with(d.address(), new BlockState.Slot(d.clientKey(), d.quarantinedUntil(), true));
        } else if (e instanceof OffersHandedOver) {
            return s;
        }
        throw new IllegalArgumentException("unknown block event " + e);
    }
}
