package org.dhcpcluster.lease.v6.lease;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
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
import org.dhcpcluster.lease.v6.lease.IaReply.Granted6;
import org.dhcpcluster.lease.v6.lease.IaReply.IaAnswer;
import org.dhcpcluster.lease.v6.lease.IaReply.Repeat;
import org.dhcpcluster.lease.v6.policy.Policy6;
import org.dhcpcluster.lease.v6.policy.Reservation6;
import org.dhcpcluster.lease.v6.policy.Subnet6;
import org.dhcpcluster.lease.v6.slice.Slice6;
import org.dhcpcluster.lease.v6.slice.SliceDirectory;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.lease.v6.space.SliceKey;

/**
 * One identity association of one DHCPv6 client on one link ({@link IaKey}): its addresses
 * or delegated prefixes. Its journal is the IA's lease history.
 *
 * <p>Like the v4 lease, it decides what a message calls for, asks the slice that owns each
 * item ({@link Slice6}, the only authority over it), records the outcome and only then
 * answers: a REPLY that grants or extends anything leaves after the slice's and this entity's
 * events are committed. While it waits for a slice, further messages are stashed.
 *
 * <p>A client message with several IAs is answered by several of these entities; the node
 * puts their answers into one reply.
 */
public final class Lease6Entity extends EventSourcedBehaviorWithEnforcedReplies<Lease6Entity.Command, Lease6Entity.Event, Lease6State> {

    /** Below a client's first retransmission (RFC 8415 section 7.6: SOL_TIMEOUT 1 s, REQ_TIMEOUT 1 s, with growth). */
    static final Duration SLICE_ASK_TIMEOUT = Duration.ofSeconds(3);
    /** Copies of one multicast (reaching two nodes) arrive within milliseconds with the same elapsed time. */
    static final Duration DUPLICATE_WINDOW = Duration.ofSeconds(2);
    /** Long enough for copies and retransmissions to meet the entity that answered them. */
    static final Duration PASSIVATE_AFTER = Duration.ofSeconds(30);

    // ---- commands -----------------------------------------------------------------------

    public sealed interface Command {
    }

    /**
     * A client message for this IA. {@code elapsed} is the Elapsed Time option (centiseconds);
     * {@code hints} the items the client listed in the IA; {@code commit} asks a SOLICIT to be
     * committed (Rapid Commit allowed on the link and asked for by the client); {@code via}
     * says how the client reached us (relay link-address or interface), for the history.
     */
    public record HandleIa(Kind6 kind, int xid, int elapsed, List<Hint6> hints, boolean commit, String via,
                           ActorRef<IaReply> replyTo) implements Command, KryoSerializable {
        public HandleIa {
            hints = List.copyOf(hints);
        }
    }

    private record SliceAnswered(Object result, Throwable failure) implements Command {
    }

    // ---- events (persisted) --------------------------------------------------------------

    public sealed interface Event extends KryoSerializable {
        Address128 item();

        int length();

        long at();
    }

    /** The IA was given an item. */
    public record IaBound(Address128 item, int length, long at, long preferredUntil, long validUntil, String via)
            implements Event {
    }

    public record IaExtended(Address128 item, int length, long at, long preferredUntil, long validUntil) implements Event {
    }

    /** The client released the item, or the server withdrew it (no longer in any pool). */
    public record IaReleased(Address128 item, int length, long at) implements Event {
    }

    public record IaDeclined(Address128 item, int length, long at) implements Event {
    }

    // ---- sharding -----------------------------------------------------------------------

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Lease6");

    public static void init(ActorSystem<?> system, Supplier<Policy6> policy, Clock clock) {
        SliceDirectory slices = SliceDirectory.sharded(system);
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, ctx -> create(IaKey.parse(ctx.getEntityId()), policy, clock, slices))
                .withSettings(IdlePassivation.after(system, PASSIVATE_AFTER)));
    }

    public static Behavior<Command> create(IaKey key, Supplier<Policy6> policy, Clock clock, SliceDirectory slices) {
        return Behaviors.setup(context -> new Lease6Entity(context, key, policy, clock, slices));
    }

    // ---- entity -------------------------------------------------------------------------

    private final ActorContext<Command> context;
    private final IaKey key;
    private final String holder;
    private final Supplier<Policy6> policy;
    private final Clock clock;
    private final SliceDirectory slices;

    // Transient by design: none of this is a binding.
    private Binding6 advertised;
    private LastExchange last;
    private Exchange pending;

    private record LastExchange(int xid, Kind6 kind, int elapsed, long at, IaAnswer answer) {
    }

    /** What to do with a slice's answer. */
    @FunctionalInterface
    private interface Continuation {
        ReplyEffect<Event, Lease6State> apply(Lease6State state, Object result);
    }

    /** A message being worked on: the IA's answer and events accumulate until it is complete. */
    private static final class Exchange {
        final HandleIa cmd;
        final Subnet6 subnet;
        final long now;
        final List<Granted6> granted = new ArrayList<>();
        final List<Event> events = new ArrayList<>();
        final Deque<Binding6> toExtend = new ArrayDeque<>();
        final Deque<Binding6> toRelease = new ArrayDeque<>();
        SliceOrder order;
        boolean triedPreferred;
        boolean triedReservation;
        Continuation next;

        Exchange(HandleIa cmd, Subnet6 subnet, long now) {
            this.cmd = cmd;
            this.subnet = subnet;
            this.now = now;
        }
    }

    private Lease6Entity(ActorContext<Command> context, IaKey key, Supplier<Policy6> policy, Clock clock, SliceDirectory slices) {
        super(PersistenceId.of(TYPE_KEY.name(), key.entityId()));
        this.context = context;
        this.key = key;
        this.holder = key.entityId();
        this.policy = policy;
        this.clock = clock;
        this.slices = slices;
    }

    @Override
    public Lease6State emptyState() {
        return Lease6State.EMPTY;
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(50, 2);
    }

    @Override
    public CommandHandlerWithReply<Command, Event, Lease6State> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(HandleIa.class, this::onHandle)
                .onCommand(SliceAnswered.class, this::onSliceAnswered)
                .build();
    }

    private ReplyEffect<Event, Lease6State> onHandle(Lease6State state, HandleIa cmd) {
        if (pending != null) {
            return Effect().stash();
        }
        long now = clock.millis();
        if (last != null && last.answer != null && last.xid == cmd.xid() && last.kind == cmd.kind()) {
            if (last.elapsed == cmd.elapsed() && now - last.at < DUPLICATE_WINDOW.toMillis()) {
                return Effect().reply(cmd.replyTo(), last.answer.as(Repeat.COPY));
            }
            if (now - last.at < policy.get().offerHold().toMillis()) {
                last = new LastExchange(last.xid, last.kind, cmd.elapsed(), now, last.answer);
                return Effect().reply(cmd.replyTo(), last.answer.as(Repeat.RETRANSMISSION));
            }
        }
        last = new LastExchange(cmd.xid(), cmd.kind(), cmd.elapsed(), now, null);
        Optional<Subnet6> subnet = policy.get().subnet(key.subnetId());
        if (subnet.isEmpty()) {
            return Effect().reply(cmd.replyTo(), new IaReply.IaUnavailable("subnet " + key.subnetId() + " is no longer configured"));
        }
        Exchange x = new Exchange(cmd, subnet.get(), now);
        List<Binding6> valid = state.validAt(now);
        return switch (cmd.kind()) {
            case SOLICIT -> !valid.isEmpty() ? (cmd.commit() ? extend(state, x, valid) : advertiseHeld(x, valid)) : search(state, x);
            case REQUEST -> !valid.isEmpty() ? extend(state, x, valid) : request(state, x);
            case RENEW, REBIND -> !valid.isEmpty() ? extend(state, x, valid) : noBinding(x);
            case RELEASE -> release(state, x, false);
            case DECLINE -> key.type().delegatesPrefixes()
                    ? complete(x, Status6.NO_BINDING, "prefixes are not declined")
                    : release(state, x, true);
        };
    }

    private ReplyEffect<Event, Lease6State> onSliceAnswered(Lease6State state, SliceAnswered msg) {
        Exchange x = pending;
        if (msg.failure() != null) {
            pending = null;
            last = null;
            return Effect().none().thenReply(x.cmd.replyTo(), s -> new IaReply.IaUnavailable(msg.failure().getMessage()))
                    .thenUnstashAll();
        }
        return x.next.apply(state, msg.result());
    }

    // ---- SOLICIT: advertise what the IA has, or hold something new ------------------------

    private ReplyEffect<Event, Lease6State> advertiseHeld(Exchange x, List<Binding6> valid) {
        for (Binding6 b : valid) {
            x.granted.add(grant(x, b.item(), b.length()));
        }
        return complete(x, Status6.SUCCESS, null);
    }

    /** Finds an item: the reservation, then the preferred or hinted one, then slice by slice. */
    private ReplyEffect<Event, Lease6State> search(Lease6State state, Exchange x) {
        Optional<Reservation6> reservation = x.subnet.reservationFor(key.duidHex());
        Optional<Address128> reserved = reservation.flatMap(r -> key.type().delegatesPrefixes() ? r.prefix() : r.address());
        if (!x.triedReservation && reserved.isPresent()) {
            x.triedReservation = true;
            int length = key.type().delegatesPrefixes() ? reservation.get().prefixLength() : 128;
            return askOffer(state, x, SliceKey.of(reserved.get(), length), reserved.get(), true);
        }
        if (!x.triedPreferred) {
            x.triedPreferred = true;
            Optional<Address128> preferred = preferredItem(state, x);
            if (preferred.isPresent()) {
                return askOffer(state, x, SliceKey.of(preferred.get(), itemLength(x)), preferred.get(), false);
            }
        }
        if (x.order == null) {
            x.order = SliceOrder.forLease(x.subnet, key.type(), holder);
        }
        Optional<SliceKey> slice = x.order.next();
        if (slice.isEmpty()) {
            return complete(x, Status6.noneAvailable(key.type()), "no free " + (key.type().delegatesPrefixes() ? "prefix" : "address")
                    + " in " + x.subnet);
        }
        return askOffer(state, x, slice.get(), null, false);
    }

    /** The client's previous item if still in a pool, else the first in-pool item it asked for. */
    private Optional<Address128> preferredItem(Lease6State state, Exchange x) {
        boolean pd = key.type().delegatesPrefixes();
        Optional<Binding6> previous = state.preferred();
        if (previous.isPresent() && x.subnet.inPool(previous.get().item(), pd) && previous.get().length() == itemLength(x)) {
            return Optional.of(previous.get().item());
        }
        for (Hint6 h : x.cmd.hints()) {
            if (x.subnet.inPool(h.item(), pd) && (!pd || h.length() == itemLength(x))) {
                return Optional.of(h.item());
            }
        }
        return Optional.empty();
    }

    private int itemLength(Exchange x) {
        if (!key.type().delegatesPrefixes()) {
            return 128;
        }
        return x.subnet.pdPools().isEmpty() ? 128 : x.subnet.pdPools().get(0).length();
    }

    private ReplyEffect<Event, Lease6State> askOffer(Lease6State state, Exchange x, SliceKey slice, Address128 preferred,
                                                     boolean reservation) {
        int preferredOffset = preferred == null ? -1 : slice.offsetOf(preferred);
        int start = x.order == null ? 0 : x.order.startOffset();
        x.next = (s, result) -> {
            if (result instanceof Slice6.Offered o) {
                Binding6 item = new Binding6(slice.itemAt(o.offset()), slice.length(), 0, 0, 0);
                if (x.cmd.kind() == Kind6.SOLICIT && !x.cmd.commit()) {
                    advertised = item;
                    x.granted.add(grant(x, item.item(), item.length()));
                    return complete(x, Status6.SUCCESS, null);
                }
                return askBind(s, x, item, reservation, true);
            }
            return search(s, x);
        };
        return ask(x, slice, Slice6.OfferResult.class, replyTo -> new Slice6.Offer(holder, preferredOffset, reservation, start, replyTo));
    }

    // ---- REQUEST (and committed SOLICIT): bind, record, answer -----------------------------

    private ReplyEffect<Event, Lease6State> request(Lease6State state, Exchange x) {
        if (x.cmd.kind() == Kind6.REQUEST && advertised != null && x.subnet.inPool(advertised.item(), key.type().delegatesPrefixes())) {
            Binding6 item = advertised;
            x.triedPreferred = true;
            return askBind(state, x, item, false, true);
        }
        return search(state, x);
    }

    /** Binds a new item; on refusal the search goes on (the advertised item may have been taken meanwhile). */
    private ReplyEffect<Event, Lease6State> askBind(Lease6State state, Exchange x, Binding6 item, boolean reservation, boolean isNew) {
        SliceKey slice = SliceKey.of(item.item(), item.length());
        long validUntil = x.now + x.subnet.lifetimes().valid() * 1000;
        long preferredUntil = x.now + x.subnet.lifetimes().preferred() * 1000;
        x.next = (s, result) -> {
            if (result instanceof Slice6.Bound) {
                advertised = null;
                x.events.add(new IaBound(item.item(), item.length(), x.now, preferredUntil, validUntil, x.cmd.via()));
                x.granted.add(grant(x, item.item(), item.length()));
                return complete(x, Status6.SUCCESS, null);
            }
            advertised = null;
            return search(s, x);
        };
        return ask(x, slice, Slice6.BindResult.class, replyTo -> new Slice6.Bind(holder, slice.offsetOf(item.item()), validUntil, reservation, replyTo));
    }

    // ---- REQUEST, RENEW, REBIND of held items: extend them ---------------------------------

    private ReplyEffect<Event, Lease6State> extend(Lease6State state, Exchange x, List<Binding6> valid) {
        boolean pd = key.type().delegatesPrefixes();
        Optional<Reservation6> reservation = x.subnet.reservationFor(key.duidHex());
        for (Binding6 b : valid) {
            if (x.subnet.inPool(b.item(), pd) || isReserved(reservation, b)) {
                x.toExtend.add(b);
            } else {
                // No longer appropriate for the link (its pool was removed): withdraw it (RFC 8415 section 18.3.4).
                x.granted.add(new Granted6(b.item(), b.length(), 0, 0));
                x.events.add(new IaReleased(b.item(), b.length(), x.now));
            }
        }
        withdrawForeignHints(state, x);
        return extendNext(state, x, reservation);
    }

    private ReplyEffect<Event, Lease6State> extendNext(Lease6State state, Exchange x, Optional<Reservation6> reservation) {
        Binding6 b = x.toExtend.poll();
        if (b == null) {
            if (x.granted.stream().noneMatch(g -> g.validLifetime() > 0)) {
                // Everything it held was withdrawn: find it something new, as for a first REQUEST.
                return x.cmd.kind() == Kind6.RENEW || x.cmd.kind() == Kind6.REBIND ? complete(x, Status6.SUCCESS, null) : search(state, x);
            }
            return complete(x, Status6.SUCCESS, null);
        }
        SliceKey slice = SliceKey.of(b.item(), b.length());
        long validUntil = x.now + x.subnet.lifetimes().valid() * 1000;
        long preferredUntil = x.now + x.subnet.lifetimes().preferred() * 1000;
        x.next = (s, result) -> {
            if (result instanceof Slice6.Bound) {
                x.events.add(new IaExtended(b.item(), b.length(), x.now, preferredUntil, validUntil));
                x.granted.add(grant(x, b.item(), b.length()));
            } else {
                x.events.add(new IaReleased(b.item(), b.length(), x.now));
                x.granted.add(new Granted6(b.item(), b.length(), 0, 0));
            }
            return extendNext(s, x, reservation);
        };
        return ask(x, slice, Slice6.BindResult.class, replyTo -> new Slice6.Bind(holder, slice.offsetOf(b.item()), validUntil, isReserved(reservation, b), replyTo));
    }

    /** Items the client listed that are not its own get zero lifetimes in a RENEW or REBIND reply (RFC 8415 section 18.3.4). */
    private void withdrawForeignHints(Lease6State state, Exchange x) {
        if (x.cmd.kind() != Kind6.RENEW && x.cmd.kind() != Kind6.REBIND) {
            return;
        }
        for (Hint6 h : x.cmd.hints()) {
            Optional<Binding6> own = state.binding(h.item(), h.length());
            if (own.isEmpty() || !own.get().validAt(x.now)) {
                x.granted.add(new Granted6(h.item(), h.length(), 0, 0));
            }
        }
    }

    /** RENEW or REBIND of an IA without bindings (RFC 8415 sections 18.3.4 and 18.3.5). */
    private ReplyEffect<Event, Lease6State> noBinding(Exchange x) {
        boolean pd = key.type().delegatesPrefixes();
        if (x.cmd.kind() == Kind6.REBIND && !x.cmd.hints().isEmpty()
                && x.cmd.hints().stream().noneMatch(h -> x.subnet.onLink(h.item()) || x.subnet.inPool(h.item(), pd))) {
            // Not appropriate for this link at all: tell the client to stop using them.
            for (Hint6 h : x.cmd.hints()) {
                x.granted.add(new Granted6(h.item(), h.length(), 0, 0));
            }
            return complete(x, Status6.SUCCESS, null);
        }
        return complete(x, Status6.NO_BINDING, "no binding for " + key.type() + " " + key.iaid());
    }

    // ---- RELEASE and DECLINE ---------------------------------------------------------------

    private ReplyEffect<Event, Lease6State> release(Lease6State state, Exchange x, boolean decline) {
        for (Hint6 h : x.cmd.hints()) {
            state.binding(h.item(), h.length()).filter(b -> b.validAt(x.now)).ifPresent(x.toRelease::add);
        }
        if (x.toRelease.isEmpty()) {
            return complete(x, Status6.NO_BINDING, "none of the listed items is bound to " + key.type() + " " + key.iaid());
        }
        if (decline) {
            context.getLog().warn("client {} declined {}: duplicate address detection found it in use; quarantined for {}",
                    holder, x.toRelease.peek().text(), policy.get().declineQuarantine());
        }
        return releaseNext(state, x, decline);
    }

    private ReplyEffect<Event, Lease6State> releaseNext(Lease6State state, Exchange x, boolean decline) {
        Binding6 b = x.toRelease.poll();
        if (b == null) {
            return complete(x, Status6.SUCCESS, decline ? "declined" : "released");
        }
        SliceKey slice = SliceKey.of(b.item(), b.length());
        int offset = slice.offsetOf(b.item());
        x.next = (s, result) -> {
            x.events.add(decline ? new IaDeclined(b.item(), b.length(), x.now) : new IaReleased(b.item(), b.length(), x.now));
            return releaseNext(s, x, decline);
        };
        if (decline) {
            long until = x.now + policy.get().declineQuarantine().toMillis();
            return ask(x, slice, Slice6.Declined.class, replyTo -> new Slice6.Decline(holder, offset, until, replyTo));
        }
        return ask(x, slice, Slice6.Released.class, replyTo -> new Slice6.Release(holder, offset, replyTo));
    }

    // ---- helpers ------------------------------------------------------------------------

    private static boolean isReserved(Optional<Reservation6> reservation, Binding6 b) {
        return reservation.isPresent() && (b.length() == 128
                ? reservation.get().address().filter(b.item()::equals).isPresent()
                : reservation.get().prefix().filter(b.item()::equals).isPresent() && reservation.get().prefixLength() == b.length());
    }

    private Granted6 grant(Exchange x, Address128 item, int length) {
        return new Granted6(item, length, x.subnet.lifetimes().preferred(), x.subnet.lifetimes().valid());
    }

    private <T> ReplyEffect<Event, Lease6State> ask(Exchange x, SliceKey slice, Class<T> replyType,
                                                    org.apache.pekko.japi.function.Function<ActorRef<T>, Slice6.Command> message) {
        pending = x;
        context.ask(replyType, slices.sliceOf(slice), SLICE_ASK_TIMEOUT, message, SliceAnswered::new);
        return Effect().noReply();
    }

    /** Answers the message; events first, when there are any (durable before acknowledged). */
    private ReplyEffect<Event, Lease6State> complete(Exchange x, Status6 status, String message) {
        IaAnswer answer = new IaAnswer(x.granted, status, message, Repeat.FIRST);
        pending = null;
        last = last == null ? null : new LastExchange(last.xid, last.kind, last.elapsed, last.at, answer);
        if (x.events.isEmpty()) {
            return Effect().none().thenReply(x.cmd.replyTo(), s -> answer).thenUnstashAll();
        }
        return Effect().persist(x.events).thenReply(x.cmd.replyTo(), s -> answer).thenUnstashAll();
    }

    @Override
    public EventHandler<Lease6State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(IaBound.class, (s, e) -> s.bind(new Binding6(e.item(), e.length(), e.at(), e.preferredUntil(), e.validUntil()), e.at()))
                .onEvent(IaExtended.class, (s, e) -> {
                    long boundAt = s.binding(e.item(), e.length()).map(Binding6::boundAt).orElse(e.at());
                    return s.bind(new Binding6(e.item(), e.length(), boundAt, e.preferredUntil(), e.validUntil()), e.at());
                })
                .onEvent(IaReleased.class, (s, e) -> s.unbind(e.item(), e.length(), true))
                // A declined address is never offered to this IA again as its "previous" one.
                .onEvent(IaDeclined.class, (s, e) -> s.unbind(e.item(), e.length(), false))
                .build();
    }
}
