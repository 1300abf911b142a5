package org.dhcpcluster.client.v6;

import static org.dhcpcluster.client.v6.DhcpV6ClientState.BOUND;
import static org.dhcpcluster.client.v6.DhcpV6ClientState.CONFIRMING;
import static org.dhcpcluster.client.v6.DhcpV6ClientState.INFORMATION_REQUESTING;
import static org.dhcpcluster.client.v6.DhcpV6ClientState.INFORMED;
import static org.dhcpcluster.client.v6.DhcpV6ClientState.REBINDING;
import static org.dhcpcluster.client.v6.DhcpV6ClientState.RELEASING;
import static org.dhcpcluster.client.v6.DhcpV6ClientState.RENEWING;
import static org.dhcpcluster.client.v6.DhcpV6ClientState.REQUESTING;
import static org.dhcpcluster.client.v6.DhcpV6ClientState.SOLICITING;
import static org.dhcpcluster.client.v6.DhcpV6ClientState.STOPPED;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.dhcpcluster.client.runtime.ScheduledTask;
import org.dhcpcluster.client.runtime.Scheduler;
import org.dhcpcluster.client.runtime.Transport;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6Message;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.Duid;
import org.dhcpcluster.protocol.v6.StatusCode;
import org.dhcpcluster.protocol.v6.codec.DhcpV6Codec;
import org.dhcpcluster.protocol.v6.option.IaType;
import org.dhcpcluster.protocol.v6.option.IdentityAssociation;

/**
 * A DHCPv6 client (RFC 8415 sections 15 and 18.2) as pure logic over a {@link Scheduler}, a
 * {@link Transport} and a seeded {@link Random}, like the DHCPv4 client.
 *
 * <ul>
 *   <li>{@link #start()}: SOLICIT to ff02::1:2 for the configured IA_NAs and IA_PDs. ADVERTISEs
 *       are collected for the first RT, then the highest preference wins (the first of equals);
 *       one with preference 255 is taken at once, and after the first RT so is any. An
 *       ADVERTISE that offers nothing (NoAddrsAvail) is ignored and soliciting goes on. With
 *       rapid commit configured, a REPLY carrying Rapid Commit binds at once.
 *   <li>REQUEST to the chosen server; its REPLY binds (BOUND, T1/T2/expiry timers). After
 *       REQ_MAX_RC tries, or a REPLY that grants nothing or says NotOnLink, the client solicits again.
 *   <li>T1: RENEW to the server, until T2. T2: REBIND to any server, until the last valid
 *       lifetime ends; then the leases expire and the client solicits again. An IA the REPLY
 *       marks NoBinding is asked for with a REQUEST (section 18.2.10.1).
 *   <li>{@link #linkChanged()} or {@link #start(DhcpV6Lease)}: CONFIRM the addresses (or REBIND
 *       when prefixes are held, section 18.2.12); NotOnLink sends the client back to SOLICIT.
 *   <li>{@link #renewNow()}: RENEW before T1 (a load generator's renewal storm).
 *   <li>{@link #release()}: RELEASE, up to REL_MAX_RC transmissions, then STOPPED.
 *   <li>{@link #informationRequest()}: stateless configuration, refreshed per section 21.23.
 *   <li>A REPLY with UseMulticast makes the client resend by multicast; UnspecFail is left to
 *       the retransmission schedule.
 * </ul>
 *
 * <p>Not thread-safe: call it only from the scheduler's thread (see {@link Scheduler}).
 */
public final class DhcpV6Client {
    private static final int PREFERENCE_MAX = 255;

    private final DhcpV6ClientConfig config;
    private final Scheduler scheduler;
    private final Transport transport;
    private final Random random;
    private final DhcpV6ClientListener listener;
    private final ClientMessages messages;
    private final List<ClientServerMessage> advertises = new ArrayList<>();

    private DhcpV6ClientState state = STOPPED;
    /** Held leases (BOUND to CONFIRMING), or after {@link #stop()} the last ones held. */
    private DhcpV6Lease lease;
    private Exchange exchange;
    private boolean collectingAdvertises;
    /** The server of the current REQUEST, RENEW or RELEASE, and where it allows unicast. */
    private Duid server;
    private Optional<Inet6Address> serverUnicast = Optional.empty();
    /** The IAs the current REQUEST asks for. */
    private List<IaKey> requested = List.of();
    /**
     * Whether the leases being verified (CONFIRM or REBIND) were remembered from an earlier
     * run, so keeping them is news to the owner ({@code bound}), not a routine check.
     */
    private boolean verifyingRemembered;
    private Duration solMaxRt = TransmissionConstants.SOL_MAX_RT;
    private Duration infMaxRt = TransmissionConstants.INF_MAX_RT;
    private ScheduledTask renewTimer = ScheduledTask.NONE;
    private ScheduledTask rebindTimer = ScheduledTask.NONE;
    private ScheduledTask expiryTimer = ScheduledTask.NONE;
    private ScheduledTask refreshTimer = ScheduledTask.NONE;

    public DhcpV6Client(DhcpV6ClientConfig config, Scheduler scheduler, Transport transport, Random random,
                        DhcpV6ClientListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.messages = new ClientMessages(config);
    }

    public DhcpV6ClientState state() {
        return state;
    }

    public Optional<DhcpV6Lease> lease() {
        return Optional.ofNullable(lease);
    }

    public DhcpV6ClientConfig config() {
        return config;
    }

    /** The SOLICIT ceiling now in force: SOL_MAX_RT, or what a server set with option 82 (section 18.2.9). */
    public Duration solMaxRt() {
        return solMaxRt;
    }

    /** Starts stateful configuration from scratch: SOLICIT. */
    public void start() {
        requireState("start", STOPPED, INFORMED);
        solicit();
    }

    /**
     * Starts with leases remembered from an earlier run: those still valid are checked with
     * CONFIRM (or REBIND if prefixes are among them, section 18.2.12) before use; when none is
     * valid any more, the client solicits.
     */
    public void start(DhcpV6Lease remembered) {
        requireState("start", STOPPED, INFORMED);
        DhcpV6Lease valid = remembered.validAt(scheduler.now());
        if (valid.isEmpty()) {
            solicit();
            return;
        }
        cancelTimers();
        lease = valid;
        verifyLeases(true);
    }

    /**
     * The interface may have moved to another link (section 18.2.12): held leases are
     * checked again; a client still looking for leases starts looking afresh.
     */
    public void linkChanged() {
        requireState("handle a link change", SOLICITING, REQUESTING, BOUND, RENEWING, REBINDING, CONFIRMING);
        if (lease == null || lease.isEmpty()) {
            solicit();
        } else {
            verifyLeases(false);
        }
    }

    /**
     * Gives every lease back (section 18.2.7). The client stops using them at once, so the
     * listener hears {@code released} now; RELEASE is retransmitted up to REL_MAX_RC times.
     */
    public void release() {
        requireState("release", BOUND, RENEWING, REBINDING, CONFIRMING);
        DhcpV6Lease released = lease;
        cancelTimers();
        lease = null;
        server = released.serverId();
        serverUnicast = released.serverUnicast();
        setState(RELEASING);
        exchange = exchange(RetransmissionParameters.release(), messages.release(server, clientIas(released)),
                this::serverDestination).whenFailed(this::finishRelease).start();
        listener.released(released);
    }

    /**
     * Starts the RENEW exchange of section 18.2.4 now rather than at T1, for a load generator
     * that renews many leases on a schedule of its own (a renewal storm). T2 and the valid
     * lifetimes keep their times, so the RENEW is retransmitted and gives way to REBIND as at T1.
     */
    public void renewNow() {
        requireState("renew", BOUND);
        renewTimer.cancel();
        renewTimer = ScheduledTask.NONE;
        renew();
    }

    /** Stateless configuration (section 18.2.6): INFORMATION-REQUEST, no addresses. */
    public void informationRequest() {
        requireState("ask for information", STOPPED, INFORMED);
        cancelTimers();
        setState(INFORMATION_REQUESTING);
        exchange = exchange(RetransmissionParameters.informationRequest(infMaxRt), messages.informationRequest(),
                () -> V6Destinations.MULTICAST).start();
    }

    /** Stops every timer and sends nothing; {@link #lease()} keeps the last leases so they can be remembered. */
    public void stop() {
        cancelTimers();
        setState(STOPPED);
    }

    /**
     * Hands the client a datagram that arrived on port 546.
     *
     * @return whether it answered this client's current exchange and was acted on
     */
    public boolean receive(byte[] datagram) {
        try {
            DhcpV6Message m = DhcpV6Codec.decode(datagram);
            return m instanceof ClientServerMessage csm && receive(csm);
        } catch (DecodeException e) {
            return false;
        }
    }

    /** As {@link #receive(byte[])}, for a message already decoded. */
    public boolean receive(ClientServerMessage m) {
        if (exchange == null || !exchange.isActive() || m.transactionId() != exchange.transactionId()
                || !m.clientId().map(config.duid()::equals).orElse(false) || m.serverId().isEmpty()) {
            return false;        // section 16.3/16.10: not for this client's exchange, or names no server
        }
        try {
            adoptMaxRt(m);
            if (DhcpV6MessageType.ADVERTISE.equals(m.type())) {
                return state == SOLICITING && onAdvertise(m);
            }
            return DhcpV6MessageType.REPLY.equals(m.type()) && onReply(m);
        } catch (IllegalArgumentException malformed) {
            // A nested option the typed views cannot read (an IA with a truncated IAADDR): the
            // reply is dropped like an undecodable datagram, before any state was changed.
            return false;
        }
    }

    // --- SOLICIT ----------------------------------------------------------------------------

    private void solicit() {
        cancelTimers();
        lease = null;
        verifyingRemembered = false;
        advertises.clear();
        collectingAdvertises = true;
        setState(SOLICITING);
        exchange = exchange(RetransmissionParameters.solicit(solMaxRt), messages.solicit(), () -> V6Destinations.MULTICAST)
                .whenRtExpires(this::firstRtOver).start();
    }

    /** Section 18.2.1: at the end of an RT, act on the best ADVERTISE collected, else retransmit. */
    private boolean firstRtOver() {
        collectingAdvertises = false;
        if (advertises.isEmpty()) {
            return true;
        }
        ClientServerMessage best = advertises.get(0);
        for (ClientServerMessage a : advertises) {
            if (a.preference().orElse(0) > best.preference().orElse(0)) {
                best = a;
            }
        }
        requestFrom(best);
        return false;
    }

    private boolean onAdvertise(ClientServerMessage advertise) {
        if (!ReplyIas.offersLeases(advertise)) {
            return true;                 // NoAddrsAvail / NoPrefixAvail: keep soliciting (section 18.2.9)
        }
        if (advertise.preference().orElse(0) == PREFERENCE_MAX || !collectingAdvertises) {
            exchange.cancel();
            requestFrom(advertise);
        } else {
            advertises.add(advertise);
        }
        return true;
    }

    // --- REQUEST ----------------------------------------------------------------------------

    private void requestFrom(ClientServerMessage advertise) {
        server = advertise.serverId().orElseThrow();
        serverUnicast = advertise.serverUnicast();
        List<IdentityAssociation> ias = new ArrayList<>();
        for (IaKey key : config.identityAssociations()) {
            ias.add(ReplyIas.find(advertise, key).map(IaBinding::zeroed)
                    .orElseGet(() -> new IdentityAssociation(key.type(), key.iaid(), 0, 0, DhcpV6Options.empty())));
        }
        request(config.identityAssociations(), ias);
    }

    private void request(List<IaKey> keys, List<IdentityAssociation> ias) {
        cancelExchange();
        requested = List.copyOf(keys);
        setState(REQUESTING);
        exchange = exchange(RetransmissionParameters.request(), messages.request(server, ias), this::serverDestination)
                .whenFailed(this::requestFailed).start();
    }

    /** Section 18.2.2: REQ_MAX_RC without a reply. Keep what is still held, else look for another server. */
    private void requestFailed() {
        if (lease != null && !lease.isEmpty()) {
            enterBound(lease, l -> { });
        } else {
            solicit();
        }
    }

    // --- REPLY ------------------------------------------------------------------------------

    private boolean onReply(ClientServerMessage reply) {
        StatusCode status = ReplyIas.status(reply);
        if (StatusCode.USE_MULTICAST.equals(status) && (state == REQUESTING || state == RENEWING || state == RELEASING)) {
            serverUnicast = Optional.empty();            // section 18.2.10: resend, and from now on, by multicast
            if (lease != null) {
                lease = lease.fromServer(lease.serverId(), Optional.empty());
            }
            exchange.transmitNow();
            return true;
        }
        if (StatusCode.UNSPEC_FAIL.equals(status)) {
            return true;                                  // the retransmission schedule limits the retries
        }
        switch (state) {
            case SOLICITING -> {
                if (!config.rapidCommit() || !reply.rapidCommit() || LeaseUpdates.afterRequest(Optional.empty(), reply,
                        config.identityAssociations(), Optional.empty(), scheduler.now()).isEmpty()) {
                    return false;                         // not a rapid-commit answer, or NoAddrsAvail: keep soliciting
                }
                server = reply.serverId().orElseThrow();
                serverUnicast = reply.serverUnicast();
                requested = config.identityAssociations();
                onRequestReply(reply);
            }
            case REQUESTING -> onRequestReply(reply);
            case RENEWING, REBINDING -> onRenewReply(reply);
            case CONFIRMING -> onConfirmReply(reply);
            case RELEASING -> finishRelease();
            case INFORMATION_REQUESTING -> onInformationReply(reply);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Section 18.2.10.1 for REQUEST (and rapid-commit SOLICIT): bind what was granted. */
    private void onRequestReply(ClientServerMessage reply) {
        if (LeaseUpdates.notOnLink(reply, requested)) {
            solicit();
            return;
        }
        Optional<DhcpV6Lease> held = Optional.ofNullable(lease).filter(l -> !l.isEmpty());
        Optional<DhcpV6Lease> updated = LeaseUpdates.afterRequest(held, reply, requested, unicastOf(reply), exchange.firstSentAt());
        if (updated.isEmpty()) {
            solicit();                                    // NoAddrsAvail / NoPrefixAvail everywhere: look again
            return;
        }
        enterBound(updated.get(), held.isPresent() ? listener::renewed : listener::bound);
    }

    /** Section 18.2.10.1 for RENEW and REBIND: extend what the reply lists, REQUEST what it calls NoBinding. */
    private void onRenewReply(ClientServerMessage reply) {
        DhcpV6Lease before = lease;
        LeaseUpdates.Renewal renewal = LeaseUpdates.afterRenew(before, reply, unicastOf(reply), exchange.firstSentAt());
        if (!renewal.noBinding().isEmpty()) {
            lease = renewal.leases();
            server = lease.serverId();
            serverUnicast = lease.serverUnicast();
            request(renewal.noBinding(),
                    renewal.noBinding().stream().map(k -> before.binding(k).orElseThrow().asClientIa()).toList());
            return;
        }
        if (renewal.leases().isEmpty()) {
            loseLeases(before, listener::expired);        // the server withdrew everything (valid lifetime 0)
            return;
        }
        enterBound(renewal.leases(), verifyingRemembered ? listener::bound : listener::renewed);
    }

    private void onConfirmReply(ClientServerMessage reply) {
        if (StatusCode.NOT_ON_LINK.equals(ReplyIas.status(reply))) {
            loseLeases(lease, listener::notOnLink);
            return;
        }
        enterBound(lease, afterVerification());
    }

    /** After a CONFIRM kept the leases unchanged: news only if they were remembered from an earlier run. */
    private Consumer<DhcpV6Lease> afterVerification() {
        return verifyingRemembered ? listener::bound : l -> { };
    }

    private void onInformationReply(ClientServerMessage reply) {
        cancelExchange();
        setState(INFORMED);
        refreshTimer = ServerTimers.informationRefresh(reply).map(d -> scheduler.schedule(d, () -> {
            if (state == INFORMED) {
                informationRequest();
            }
        })).orElse(ScheduledTask.NONE);
        listener.informed(reply);
    }

    private void finishRelease() {
        cancelExchange();
        setState(STOPPED);
    }

    // --- BOUND, RENEW, REBIND, CONFIRM ---------------------------------------------------------

    private void enterBound(DhcpV6Lease held, Consumer<DhcpV6Lease> announce) {
        cancelTimers();
        DhcpV6Lease valid = held.validAt(scheduler.now());
        if (valid.isEmpty()) {
            loseLeases(held, listener::expired);
            return;
        }
        lease = valid;
        server = valid.serverId();
        serverUnicast = valid.serverUnicast();
        setState(BOUND);
        valid.renewAt().ifPresent(t -> renewTimer = at(t, this::onT1));
        valid.rebindAt().ifPresent(t -> rebindTimer = at(t, this::onT2));
        valid.expiresAt().ifPresent(t -> expiryTimer = at(t, this::onExpiry));
        verifyingRemembered = false;
        announce.accept(valid);
    }

    private void onT1() {
        if (state == BOUND) {
            renew();
        }
    }

    private void onT2() {
        if (state == BOUND || state == RENEWING) {
            rebind();
        }
    }

    private void onExpiry() {
        if (lease != null) {
            loseLeases(lease, listener::expired);
        }
    }

    /** Section 18.2.4: RENEW to the granting server until T2 (or, with no T2, until the leases end). */
    private void renew() {
        Optional<Instant> until = lease.rebindAt().or(lease::expiresAt);
        if (until.isPresent() && !scheduler.now().isBefore(until.get())) {
            rebind();
            return;
        }
        cancelExchange();
        server = lease.serverId();
        serverUnicast = lease.serverUnicast();
        setState(RENEWING);
        Exchange e = exchange(RetransmissionParameters.renew(), messages.renew(server, clientIas(lease)),
                this::serverDestination).whenFailed(this::rebind);
        until.ifPresent(e::until);
        exchange = e.start();
    }

    /** Section 18.2.5: REBIND to any server until every valid lifetime has ended. */
    private void rebind() {
        cancelExchange();
        setState(REBINDING);
        Exchange e = exchange(RetransmissionParameters.rebind(), messages.rebind(clientIas(lease)),
                () -> V6Destinations.MULTICAST).whenFailed(this::onExpiry);
        lease.expiresAt().ifPresent(e::until);
        exchange = e.start();
    }

    /**
     * Section 18.2.12: after a possible link change, CONFIRM the addresses, or REBIND when
     * prefixes are held (CONFIRM cannot check a delegated prefix). A CONFIRM that gets no
     * answer within CNF_MAX_RD leaves the leases in use (section 18.2.3).
     */
    private void verifyLeases(boolean remembered) {
        verifyingRemembered = remembered;
        server = lease.serverId();
        serverUnicast = lease.serverUnicast();
        if (lease.has(IaType.PD)) {
            rebind();
            return;
        }
        cancelExchange();
        setState(CONFIRMING);
        exchange = exchange(RetransmissionParameters.confirm(), messages.confirm(clientIas(lease)),
                () -> V6Destinations.MULTICAST).whenFailed(() -> enterBound(lease, afterVerification())).start();
    }

    private void loseLeases(DhcpV6Lease lost, Consumer<DhcpV6Lease> announce) {
        cancelTimers();
        lease = null;
        announce.accept(lost);
        if (state != STOPPED) {          // the listener may have stopped the client
            solicit();
        }
    }

    // --- plumbing ---------------------------------------------------------------------------

    private Exchange exchange(RetransmissionParameters parameters, ClientServerMessage message,
                              Supplier<InetSocketAddress> destination) {
        return new Exchange(scheduler, transport, random, parameters, message, destination);
    }

    private InetSocketAddress serverDestination() {
        return serverUnicast.map(V6Destinations::server).orElse(V6Destinations.MULTICAST);
    }

    /** The reply's Server Unicast address, or the one already known if the same server answered. */
    private Optional<Inet6Address> unicastOf(ClientServerMessage reply) {
        return reply.serverUnicast().or(() -> reply.serverId().orElseThrow().equals(server) ? serverUnicast : Optional.empty());
    }

    private static List<IdentityAssociation> clientIas(DhcpV6Lease l) {
        return l.bindings().stream().map(IaBinding::asClientIa).toList();
    }

    /** Sections 18.2.9 and 18.2.10: a server may lower or raise SOL_MAX_RT and INF_MAX_RT, within 60..86400 s. */
    private void adoptMaxRt(ClientServerMessage m) {
        solMaxRt = ServerTimers.maxRt(m.solMaxRt()).orElse(solMaxRt);
        infMaxRt = ServerTimers.maxRt(m.infMaxRt()).orElse(infMaxRt);
    }

    private ScheduledTask at(Instant when, Runnable task) {
        return scheduler.schedule(Duration.between(scheduler.now(), when), task);
    }

    private void cancelExchange() {
        if (exchange != null) {
            exchange.cancel();
        }
    }

    private void cancelTimers() {
        cancelExchange();
        for (ScheduledTask t : List.of(renewTimer, rebindTimer, expiryTimer, refreshTimer)) {
            t.cancel();
        }
        renewTimer = ScheduledTask.NONE;
        rebindTimer = ScheduledTask.NONE;
        expiryTimer = ScheduledTask.NONE;
        refreshTimer = ScheduledTask.NONE;
    }

    private void setState(DhcpV6ClientState next) {
        DhcpV6ClientState previous = state;
        state = next;
        if (previous != next) {
            listener.stateChanged(previous, next);
        }
    }

    private void requireState(String action, DhcpV6ClientState... allowed) {
        for (DhcpV6ClientState s : allowed) {
            if (state == s) {
                return;
            }
        }
        throw new IllegalStateException("cannot " + action + " in state " + state + "; allowed in " + Arrays.toString(allowed));
    }
}
