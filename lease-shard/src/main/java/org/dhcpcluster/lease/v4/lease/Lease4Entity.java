package org.dhcpcluster.lease.v4.lease;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.dhcpcluster.lease.sharding.IdlePassivation;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.dhcpcluster.lease.serialization.KryoSerializable;
import org.dhcpcluster.lease.v4.block.AddressBlock4;
import org.dhcpcluster.lease.v4.block.BlockDirectory;
import org.dhcpcluster.lease.v4.lease.Reply4.Silence;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v4.policy.Reservation4;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.lease.v4.reply.ReplyBuilder4;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;

/**
 * One DHCPv4 client's lease in one subnet. Its journal is the client's lease history: which
 * address it held, from when, until when, and how it ended.
 *
 * <p>The entity decides what a message calls for ({@link RequestPlanner}), asks the address
 * block that owns the address ({@link AddressBlock4}, the only authority over it), records
 * the outcome, and only then answers: a DHCPACK leaves after both the block's and this
 * entity's events are committed. While it waits for a block, further messages from the
 * client are stashed, so one client's exchanges never interleave.
 *
 * <p>Entity id: {@code <subnet id>:<client key>} ({@link ClientKey4}).
 */
public final class Lease4Entity extends EventSourcedBehaviorWithEnforcedReplies<Lease4Entity.Command, Lease4Entity.Event, Lease4State> {

    /** Below a client's first retransmission (RFC 2131 section 4.1: about 4 s), so it can retry. */
    static final Duration BLOCK_ASK_TIMEOUT = Duration.ofSeconds(3);
    /**
     * Copies of one packet (a broadcast reaching two nodes) arrive within milliseconds with
     * identical secs; a client's retransmission comes seconds later with secs grown. Two seconds,
     * counted from the answer (copies wait stashed while a cold entity answers the first one),
     * tells them apart with room to spare.
     */
    static final Duration DUPLICATE_WINDOW = Duration.ofSeconds(2);

    // ---- commands -----------------------------------------------------------------------

    public sealed interface Command {
    }

    /**
     * A client message for this lease. {@code serverId} is the server identifier this client
     * must see (the cluster's service address, or a relay's RFC 5107 override).
     */
    public record Handle(DhcpV4Message request, int subnetId, int serverId, ActorRef<Reply4> replyTo)
            implements Command, KryoSerializable {
    }

    private record OfferAnswered(AddressBlock4.OfferResult result, Throwable failure) implements Command {
    }

    private record BindAnswered(AddressBlock4.BindResult result, Throwable failure) implements Command {
    }

    private record ReleaseAnswered(AddressBlock4.Released result, Throwable failure) implements Command {
    }

    private record DeclineAnswered(AddressBlock4.Declined result, Throwable failure) implements Command {
    }

    /**
     * Sharding stops the entity: its shard moves to another node, or it was idle. Sent locally by
     * the shard; serializable only because every command is.
     */
    public record Stop() implements Command, KryoSerializable {
    }

    // ---- events (persisted) --------------------------------------------------------------

    public sealed interface Event extends KryoSerializable {
        int address();
    }

    /** The client was given an address. {@code hostName} may be null; {@code relay} is giaddr (0 if direct). */
    public record LeaseBound(int address, long at, long expiresAt, String hardwareAddress, String hostName, int relay)
            implements Event {
    }

    public record LeaseRenewed(int address, long at, long expiresAt) implements Event {
    }

    public record LeaseReleased(int address, long at) implements Event {
    }

    public record LeaseDeclined(int address, long at) implements Event {
    }

    /**
     * What this entity knew only in memory, written when sharding stops it (its shard moves) while
     * that still matters, so the incarnation on the new node recovers it: the address it has
     * offered and the client has not yet requested ({@code offered}, 0 if none), and its last
     * answer, so copies of that message held up by the move (a relay sending to every node, a
     * broadcast heard by several) stay silent. {@code address} is the lease's address, 0 if none.
     */
    public record HandedOver(int address, int offered, int xid, int messageType, int secs, long answeredAt) implements Event {
    }

    // ---- sharding -----------------------------------------------------------------------

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Lease4");

    /** What sharding sends to stop an entity (hand-off, passivation). */
    public static final Command STOP = new Stop();

    /**
     * A client's exchange lasts seconds and it comes back at T1, minutes or hours later; its
     * entity need not stay in memory in between (at 2,000 new clients/s the default 2 minutes
     * kept ~240,000 idle entities on the heap). Longer than any retransmission window, so
     * copies and retransmissions still meet the entity that answered them.
     */
    static final Duration PASSIVATE_AFTER = Duration.ofSeconds(30);

    public static void init(ActorSystem<?> system, Supplier<Policy4> policy, Clock clock) {
        BlockDirectory blocks = BlockDirectory.sharded(system);
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, ctx -> create(ctx.getEntityId(), policy, clock, blocks))
                .withStopMessage(STOP)
                .withSettings(IdlePassivation.after(system, PASSIVATE_AFTER)));
    }

    public static Behavior<Command> create(String entityId, Supplier<Policy4> policy, Clock clock, BlockDirectory blocks) {
        return Behaviors.setup(context -> new Lease4Entity(context, entityId, policy, clock, blocks));
    }

    // ---- entity -------------------------------------------------------------------------

    private final ActorContext<Command> context;
    private final String clientKey;
    private final Supplier<Policy4> policy;
    private final Clock clock;
    private final BlockDirectory blocks;

    // Transient, by design: none of this is a binding. See the fields' uses.
    private int offered;
    private LastExchange last;
    private Exchange pending;

    /** The last message handled, to tell copies from retransmissions (invariant: one answer per transaction). */
    private record LastExchange(int xid, int type, int secs, long at, Reply4 reply) {
    }

    /** A message waiting for a block's answer, and where the search for an address stands. */
    private static final class Exchange {
        final Handle cmd;
        final Subnet4 subnet;
        final Optional<Reservation4> reservation;
        BlockOrder blockOrder;
        boolean tryingReservation;
        RequestPlan.Bind bind;
        long leaseSeconds;

        Exchange(Handle cmd, Subnet4 subnet, Optional<Reservation4> reservation) {
            this.cmd = cmd;
            this.subnet = subnet;
            this.reservation = reservation;
        }
    }

    private Lease4Entity(ActorContext<Command> context, String entityId, Supplier<Policy4> policy, Clock clock,
                         BlockDirectory blocks) {
        super(PersistenceId.of(TYPE_KEY.name(), entityId));
        this.context = context;
        this.clientKey = entityId.substring(entityId.indexOf(':') + 1);
        this.policy = policy;
        this.clock = clock;
        this.blocks = blocks;
    }

    @Override
    public Lease4State emptyState() {
        return Lease4State.EMPTY;
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        // A client renews every T1 for as long as it lives; snapshots keep recovery short.
        return RetentionCriteria.snapshotEvery(50, 2);
    }

    @Override
    public CommandHandlerWithReply<Command, Event, Lease4State> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(Handle.class, this::onHandle)
                .onCommand(OfferAnswered.class, this::onOfferAnswered)
                .onCommand(BindAnswered.class, this::onBindAnswered)
                .onCommand(ReleaseAnswered.class, this::onReleaseAnswered)
                .onCommand(DeclineAnswered.class, this::onDeclineAnswered)
                .onCommand(Stop.class, this::onStop)
                .build();
    }

    private ReplyEffect<Event, Lease4State> onHandle(Lease4State state, Handle cmd) {
        if (pending != null) {
            return Effect().stash();
        }
        DhcpV4Message req = cmd.request();
        long now = clock.millis();
        int type = req.messageType().map(DhcpMessageType::code).orElse(0);
        if (last != null && last.xid == req.xid() && last.type == type) {
            if (last.secs == req.secs() && now - last.at < DUPLICATE_WINDOW.toMillis()) {
                return Effect().reply(cmd.replyTo(), new Reply4.NoAnswer(Silence.DUPLICATE, "copy of a message already handled"));
            }
            if (last.reply instanceof Reply4.Answer && now - last.at < policy.get().offerHold().toMillis()) {
                // A retransmission whose answer was lost: the answer stands (the ACK's binding is durable).
                last = new LastExchange(last.xid, type, req.secs(), now, last.reply);
                return Effect().reply(cmd.replyTo(), last.reply);
            }
        }
        last = new LastExchange(req.xid(), type, req.secs(), now, null);

        Optional<Subnet4> subnet = policy.get().subnet(cmd.subnetId());
        if (subnet.isEmpty()) {
            return answer(cmd, new Reply4.NoAnswer(Silence.UNSUPPORTED, "subnet " + cmd.subnetId() + " is no longer configured"));
        }
        Optional<Reservation4> reservation = subnet.get().reservationFor(req.clientHardwareAddressText(),
                req.clientIdentifier().map(id -> id.toHex()));
        Exchange x = new Exchange(cmd, subnet.get(), reservation);
        if (type == DhcpMessageType.DISCOVER.code()) {
            return startDiscover(state, x);
        } else if (type == DhcpMessageType.REQUEST.code()) {
            return startRequest(state, x, now);
        } else if (type == DhcpMessageType.RELEASE.code()) {
            return startRelease(state, x, now);
        } else if (type == DhcpMessageType.DECLINE.code()) {
            return startDecline(state, x, now);
        } else if (type == DhcpMessageType.INFORM.code()) {
            return answer(cmd, new Reply4.Answer(ReplyBuilder4.informAck(req, Ipv4.fromInt(cmd.serverId()), x.subnet, reservation)));
        }
        return answer(cmd, new Reply4.NoAnswer(Silence.UNSUPPORTED, "message type " + type + " is not served"));
    }

    // ---- DISCOVER: find an address, hold it, offer it -------------------------------------

    private ReplyEffect<Event, Lease4State> startDiscover(Lease4State state, Exchange x) {
        int[] bases = policy.get().blockBases(x.subnet);
        if (x.reservation.isPresent()) {
            x.tryingReservation = true;
            int reserved = x.reservation.get().address();
            return askOffer(x, Policy4.blockBase(reserved), reserved, true);
        }
        int preferred = state.preferredAddress();
        if (preferred == 0 || !x.subnet.prefix().contains(preferred)) {
            preferred = x.cmd.request().requestedIpAddress().map(Ipv4::toInt).filter(x.subnet::inPool).orElse(0);
        }
        x.blockOrder = BlockOrder.forClient(bases, clientKey, preferred);
        OptionalInt first = x.blockOrder.next();
        if (first.isEmpty()) {
            return answer(x.cmd, new Reply4.NoAnswer(Silence.POOL_EXHAUSTED, x.subnet + " has no pools"));
        }
        return askOffer(x, first.getAsInt(), preferred, false);
    }

    /** Asks the block at {@code base} for an offer, trying {@code preferred} (0 for none) first. */
    private ReplyEffect<Event, Lease4State> askOffer(Exchange x, int base, int preferred, boolean reservation) {
        pending = x;
        context.ask(AddressBlock4.OfferResult.class, blocks.blockOf(base), BLOCK_ASK_TIMEOUT,
                replyTo -> new AddressBlock4.Offer(clientKey, preferred, reservation, replyTo), OfferAnswered::new);
        return Effect().noReply();
    }

    private ReplyEffect<Event, Lease4State> onOfferAnswered(Lease4State state, OfferAnswered msg) {
        Exchange x = pending;
        if (msg.failure() != null) {
            return finish(x, new Reply4.NoAnswer(Silence.BLOCK_UNAVAILABLE, msg.failure().getMessage()));
        }
        if (msg.result() instanceof AddressBlock4.Offered o) {
            offered = o.address();
            long lease = x.subnet.leaseTimes().grant(x.cmd.request().ipAddressLeaseTime());
            return finish(x, new Reply4.Answer(ReplyBuilder4.offer(x.cmd.request(), Ipv4.fromInt(x.cmd.serverId()),
                    x.subnet, x.tryingReservation ? x.reservation : Optional.empty(), o.address(), lease)));
        }
        if (x.tryingReservation) {
            // The reserved address is still held by another client (it had it before the
            // reservation existed): serve a dynamic address until that lease ends.
            x.tryingReservation = false;
            x.blockOrder = BlockOrder.forClient(policy.get().blockBases(x.subnet), clientKey, 0);
        }
        OptionalInt next = x.blockOrder.next();
        if (next.isEmpty()) {
            return finish(x, new Reply4.NoAnswer(Silence.POOL_EXHAUSTED, "no free address in " + x.subnet));
        }
        return askOffer(x, next.getAsInt(), 0, false);
    }

    // ---- REQUEST: bind, record, acknowledge ----------------------------------------------

    private ReplyEffect<Event, Lease4State> startRequest(Lease4State state, Exchange x, long now) {
        RequestPlan plan = RequestPlanner.plan(x.cmd.request(), x.cmd.serverId(), x.subnet, state, offered, x.reservation, now);
        if (plan instanceof RequestPlan.Silent s) {
            if (s.reason() == Silence.OTHER_SERVER && offered != 0) {
                blocks.blockOf(offered).tell(new AddressBlock4.WithdrawOffer(clientKey));
                offered = 0;
            }
            return answer(x.cmd, new Reply4.NoAnswer(s.reason(), s.detail()));
        }
        if (plan instanceof RequestPlan.Nak n) {
            return answer(x.cmd, nak(x, n.message()));
        }
        RequestPlan.Bind bind = (RequestPlan.Bind) plan;
        x.bind = bind;
        x.leaseSeconds = x.subnet.leaseTimes().grant(x.cmd.request().ipAddressLeaseTime());
        long expiresAt = now + x.leaseSeconds * 1000;
        pending = x;
        context.ask(AddressBlock4.BindResult.class, blocks.blockOf(bind.address()), BLOCK_ASK_TIMEOUT,
                replyTo -> new AddressBlock4.Bind(clientKey, bind.address(), expiresAt, bind.reservation(), replyTo),
                BindAnswered::new);
        return Effect().noReply();
    }

    private ReplyEffect<Event, Lease4State> onBindAnswered(Lease4State state, BindAnswered msg) {
        Exchange x = pending;
        if (msg.failure() != null) {
            return finish(x, new Reply4.NoAnswer(Silence.BLOCK_UNAVAILABLE, msg.failure().getMessage()));
        }
        if (msg.result() instanceof AddressBlock4.Refused r) {
            if (x.bind.nakOnRefusal()) {
                return finish(x, nak(x, "address " + Ipv4.format(r.address()) + " is not available (" + r.reason() + ")"));
            }
            return finish(x, new Reply4.NoAnswer(Silence.NO_RECORD, "no record of client and " + Ipv4.format(r.address())
                    + " is not available (" + r.reason() + ")"));
        }
        AddressBlock4.Bound b = (AddressBlock4.Bound) msg.result();
        long now = clock.millis();
        DhcpV4Message req = x.cmd.request();
        Event event = state.boundAt(now) && state.address() == b.address()
                ? new LeaseRenewed(b.address(), now, b.expiresAt())
                : new LeaseBound(b.address(), now, b.expiresAt(), req.clientHardwareAddressText(),
                        req.hostName().orElse(null), Ipv4.toInt(req.giaddr()));
        DhcpV4Message ack = ReplyBuilder4.ack(req, Ipv4.fromInt(x.cmd.serverId()), x.subnet,
                x.bind.reservation() ? x.reservation : Optional.empty(), b.address(), x.leaseSeconds);
        offered = 0;
        pending = null;
        Reply4 reply = new Reply4.Answer(ack);
        remember(reply);
        // Durable before acknowledged: the ACK is sent only once the event is committed.
        return Effect().persist(event).thenReply(x.cmd.replyTo(), s -> reply).thenUnstashAll();
    }

    // ---- RELEASE and DECLINE --------------------------------------------------------------

    private ReplyEffect<Event, Lease4State> startRelease(Lease4State state, Exchange x, long now) {
        DhcpV4Message req = x.cmd.request();
        int ciaddr = Ipv4.toInt(req.ciaddr());
        if (req.serverIdentifier().map(Ipv4::toInt).orElse(0) != x.cmd.serverId()) {
            return answer(x.cmd, new Reply4.NoAnswer(Silence.OTHER_SERVER, "RELEASE for another server"));
        }
        if (!state.boundAt(now) || state.address() != ciaddr) {
            return answer(x.cmd, new Reply4.NoAnswer(Silence.NO_REPLY_EXPECTED,
                    "RELEASE of " + Ipv4.format(ciaddr) + " which this client does not hold"));
        }
        pending = x;
        context.ask(AddressBlock4.Released.class, blocks.blockOf(ciaddr), BLOCK_ASK_TIMEOUT,
                replyTo -> new AddressBlock4.Release(clientKey, ciaddr, replyTo), ReleaseAnswered::new);
        return Effect().noReply();
    }

    private ReplyEffect<Event, Lease4State> onReleaseAnswered(Lease4State state, ReleaseAnswered msg) {
        Exchange x = pending;
        if (msg.failure() != null) {
            return finish(x, new Reply4.NoAnswer(Silence.BLOCK_UNAVAILABLE, msg.failure().getMessage()));
        }
        pending = null;
        Reply4 reply = new Reply4.NoAnswer(Silence.NO_REPLY_EXPECTED, "released " + Ipv4.format(state.address()));
        remember(reply);
        return Effect().persist(new LeaseReleased(state.address(), clock.millis()))
                .thenReply(x.cmd.replyTo(), s -> reply).thenUnstashAll();
    }

    private ReplyEffect<Event, Lease4State> startDecline(Lease4State state, Exchange x, long now) {
        DhcpV4Message req = x.cmd.request();
        int declined = req.requestedIpAddress().map(Ipv4::toInt).orElse(0);
        if (req.serverIdentifier().map(Ipv4::toInt).orElse(0) != x.cmd.serverId()) {
            return answer(x.cmd, new Reply4.NoAnswer(Silence.OTHER_SERVER, "DECLINE for another server"));
        }
        if (declined == 0 || (declined != offered && !(state.boundAt(now) && state.address() == declined))) {
            return answer(x.cmd, new Reply4.NoAnswer(Silence.NO_REPLY_EXPECTED,
                    "DECLINE of " + Ipv4.format(declined) + " which this client was not given"));
        }
        long until = now + policy.get().declineQuarantine().toMillis();
        pending = x;
        context.getLog().warn("client {} declined {}: the address is in use on its link; quarantined for {}",
                clientKey, Ipv4.format(declined), policy.get().declineQuarantine());
        context.ask(AddressBlock4.Declined.class, blocks.blockOf(declined), BLOCK_ASK_TIMEOUT,
                replyTo -> new AddressBlock4.Decline(clientKey, declined, until, replyTo), DeclineAnswered::new);
        return Effect().noReply();
    }

    private ReplyEffect<Event, Lease4State> onDeclineAnswered(Lease4State state, DeclineAnswered msg) {
        Exchange x = pending;
        if (msg.failure() != null) {
            return finish(x, new Reply4.NoAnswer(Silence.BLOCK_UNAVAILABLE, msg.failure().getMessage()));
        }
        int declined = x.cmd.request().requestedIpAddress().map(Ipv4::toInt).orElse(0);
        offered = 0;
        pending = null;
        Reply4 reply = new Reply4.NoAnswer(Silence.NO_REPLY_EXPECTED, "declined " + Ipv4.format(declined));
        remember(reply);
        return Effect().persist(new LeaseDeclined(declined, clock.millis()))
                .thenReply(x.cmd.replyTo(), s -> reply).thenUnstashAll();
    }

    // ---- stopping -----------------------------------------------------------------------

    private ReplyEffect<Event, Lease4State> onStop(Lease4State state, Stop stop) {
        long now = clock.millis();
        boolean copiesMayFollow = last != null && last.reply != null && now - last.at < DUPLICATE_WINDOW.toMillis();
        boolean offerOutstanding = offered != 0 && last != null && now - last.at < policy.get().offerHold().toMillis();
        if (copiesMayFollow || offerOutstanding) {
            return Effect().persist(new HandedOver(state.address(), offerOutstanding ? offered : 0, last.xid, last.type, last.secs, last.at))
                    .thenStop().thenNoReply();
        }
        return Effect().stop().thenNoReply();
    }

    // ---- helpers ------------------------------------------------------------------------

    private Reply4 nak(Exchange x, String why) {
        return new Reply4.Answer(ReplyBuilder4.nak(x.cmd.request(), Ipv4.fromInt(x.cmd.serverId()), why));
    }

    private void remember(Reply4 reply) {
        if (last != null) {
            last = new LastExchange(last.xid, last.type, last.secs, clock.millis(), reply);
        }
    }

    /** Answers a message handled without waiting. */
    private ReplyEffect<Event, Lease4State> answer(Handle cmd, Reply4 reply) {
        remember(reply);
        return Effect().reply(cmd.replyTo(), reply);
    }

    /** Answers the pending message without an event, and lets stashed ones through. */
    private ReplyEffect<Event, Lease4State> finish(Exchange x, Reply4 reply) {
        pending = null;
        remember(reply);
        return Effect().none().thenReply(x.cmd.replyTo(), s -> reply).thenUnstashAll();
    }

    @Override
    public EventHandler<Lease4State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(LeaseBound.class, (s, e) -> new Lease4State(e.address(), e.at(), e.expiresAt(), s.preferredAddress()))
                .onEvent(LeaseRenewed.class, (s, e) -> new Lease4State(e.address(), s.boundAt(), e.expiresAt(), s.previousAddress()))
                .onEvent(LeaseReleased.class, (s, e) -> new Lease4State(0, 0, 0, e.address()))
                // A declined address is never offered to this client again as its "previous" one.
                .onEvent(LeaseDeclined.class, (s, e) -> new Lease4State(0, 0, 0, 0))
                .onEvent(HandedOver.class, (s, e) -> {
                    // Transient state, restored after a move; stale values are harmless: the
                    // duplicate window and the block's offer hold are checked against the clock.
                    last = new LastExchange(e.xid(), e.messageType(), e.secs(), e.answeredAt(), null);
                    offered = e.offered();
                    return s;
                })
                .build();
    }
}
