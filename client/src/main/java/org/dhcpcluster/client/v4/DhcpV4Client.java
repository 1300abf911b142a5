package org.dhcpcluster.client.v4;

import static org.dhcpcluster.client.v4.DhcpV4ClientState.BOUND;
import static org.dhcpcluster.client.v4.DhcpV4ClientState.INIT;
import static org.dhcpcluster.client.v4.DhcpV4ClientState.INIT_REBOOT;
import static org.dhcpcluster.client.v4.DhcpV4ClientState.REBINDING;
import static org.dhcpcluster.client.v4.DhcpV4ClientState.REBOOTING;
import static org.dhcpcluster.client.v4.DhcpV4ClientState.RENEWING;
import static org.dhcpcluster.client.v4.DhcpV4ClientState.REQUESTING;
import static org.dhcpcluster.client.v4.DhcpV4ClientState.SELECTING;
import static org.dhcpcluster.client.v4.DhcpV4ClientState.STOPPED;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.dhcpcluster.client.runtime.ScheduledTask;
import org.dhcpcluster.client.runtime.Scheduler;
import org.dhcpcluster.client.runtime.Transport;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;

/**
 * A DHCPv4 client: the state machine of RFC 2131 section 4.4, figure 5, as pure logic. Time
 * comes from a {@link Scheduler}, datagrams leave through a {@link Transport}, replies come
 * in through {@link #receive(byte[])}, and every random choice (xid, backoff jitter) comes
 * from the injected {@link Random}, so a seeded run is repeatable to the nanosecond.
 *
 * <p>Transitions:
 * <ul>
 *   <li>{@link #start()}: INIT, DHCPDISCOVER broadcast, SELECTING. DISCOVER is retransmitted
 *       with the section 4.1 backoff (4, 8, ... 64 s, +/- 1 s) for as long as no offer comes.
 *   <li>An acceptable DHCPOFFER (or the best of those collected in the offer window):
 *       DHCPREQUEST broadcast with the server identifier and the offered address, same xid
 *       and secs as the DISCOVER (section 4.4.1), REQUESTING.
 *   <li>DHCPACK: the conflict check; if the address is free, BOUND with T1, T2 and expiry
 *       timers counted from the first DHCPREQUEST; if taken, DHCPDECLINE and INIT for 10 s.
 *   <li>DHCPNAK, or no answer after {@code requestTransmissions}: INIT, then DISCOVER again.
 *   <li>T1: RENEWING, DHCPREQUEST unicast to the server; T2: REBINDING, broadcast; both
 *       retransmit after half the time left, at least 60 s (section 4.4.5). A DHCPACK extends
 *       the lease (BOUND), a DHCPNAK ends it (INIT), expiry ends it (INIT).
 *   <li>{@link #start(DhcpV4Lease)}: INIT-REBOOT, DHCPREQUEST broadcast for the remembered
 *       address without a server identifier, REBOOTING; ACK binds, NAK or silence goes to INIT.
 *   <li>{@link #renewNow()}: RENEWING before T1, as section 4.4.5 allows.
 *   <li>{@link #release()}: DHCPRELEASE unicast to the server, STOPPED.
 * </ul>
 *
 * <p>Not thread-safe: call it only from the scheduler's thread (see {@link Scheduler}).
 */
public final class DhcpV4Client {
    private final DhcpV4ClientConfig config;
    private final Scheduler scheduler;
    private final Transport transport;
    private final Random random;
    private final DhcpV4ClientListener listener;
    private final ClientMessages messages;
    private final OfferCollector offers = new OfferCollector();

    private DhcpV4ClientState state = STOPPED;
    /** The lease held (BOUND, RENEWING, REBINDING), remembered (REBOOTING) or last held (STOPPED). */
    private DhcpV4Lease lease;
    /** The address to ask for again in DHCPDISCOVER (RFC 2131 section 4.4.1 allows option 50 there). */
    private Inet4Address previousAddress;
    private int xid;
    /** Start of the current exchange: the secs field counts from here. */
    private Instant exchangeStart;
    /** First transmission of the current DHCPREQUEST: the lease counts from here (section 4.4.1). */
    private Instant requestSentAt;
    /** The secs of the last DHCPDISCOVER, which the REQUEST in SELECTING must repeat (section 4.4.1). */
    private int discoverSecs;
    private int requestsSent;
    private RetransmissionBackoff backoff;
    private DhcpV4Message chosenOffer;
    private ScheduledTask exchangeTimer = ScheduledTask.NONE;
    private ScheduledTask offerWindowTimer = ScheduledTask.NONE;
    private ScheduledTask renewTimer = ScheduledTask.NONE;
    private ScheduledTask rebindTimer = ScheduledTask.NONE;
    private ScheduledTask expiryTimer = ScheduledTask.NONE;

    public DhcpV4Client(DhcpV4ClientConfig config, Scheduler scheduler, Transport transport, Random random,
                        DhcpV4ClientListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.messages = new ClientMessages(config);
    }

    public DhcpV4ClientState state() {
        return state;
    }

    /** The lease held, the one being confirmed in REBOOTING, or after {@link #stop()} the last one held. */
    public Optional<DhcpV4Lease> lease() {
        return Optional.ofNullable(lease);
    }

    public DhcpV4ClientConfig config() {
        return config;
    }

    /** Starts from scratch: INIT, then DHCPDISCOVER. */
    public void start() {
        requireState("start", STOPPED);
        if (lease != null) {
            previousAddress = lease.address();
        }
        enterInit(Duration.ZERO);
    }

    /**
     * Starts with a lease remembered from an earlier run (RFC 2131 section 3.2): INIT-REBOOT and
     * a DHCPREQUEST for its address. A lease that has already expired is only a hint: the
     * client starts in INIT and asks for the same address in its DHCPDISCOVER.
     */
    public void start(DhcpV4Lease remembered) {
        requireState("start", STOPPED);
        if (remembered.isExpiredAt(scheduler.now())) {
            lease = null;
            previousAddress = remembered.address();
            enterInit(Duration.ZERO);
            return;
        }
        lease = remembered;
        setState(INIT_REBOOT);
        newExchange();
        requestSentAt = scheduler.now();
        requestsSent = 0;
        backoff = new RetransmissionBackoff(random);
        setState(REBOOTING);
        transmitRebootRequest();
    }

    /**
     * Gives the lease back (RFC 2131 section 4.4.6): DHCPRELEASE unicast to the server that
     * granted it, then STOPPED. The client must not use the address afterwards.
     */
    public void release() {
        requireState("release", BOUND, RENEWING, REBINDING);
        DhcpV4Lease released = lease;
        cancelTimers();
        send(messages.release(random.nextInt(), released.address(), released.serverIdentifier()),
                V4Destinations.server(released.serverIdentifier()));
        lease = null;
        setState(STOPPED);
        listener.released(released);
    }

    /**
     * Enters RENEWING now rather than at T1: RFC 2131 section 4.4.5 lets a client extend its
     * lease before T1. A load generator uses it to renew many leases on a schedule of its own
     * (a renewal storm) instead of waiting for the server's T1. T2 and expiry keep their
     * times, so the retransmissions follow section 4.4.5 as at T1.
     */
    public void renewNow() {
        requireState("renew", BOUND);
        renewTimer.cancel();
        renewTimer = ScheduledTask.NONE;
        enterRenewing();
    }

    /** Stops every timer and sends nothing; {@link #lease()} keeps the last lease so it can be remembered. */
    public void stop() {
        cancelTimers();
        setState(STOPPED);
    }

    /**
     * Hands the client a datagram that arrived on port 68.
     *
     * @return whether it was a reply to this client's current exchange and was acted on;
     *         undecodable datagrams, other clients' replies and stale transactions are ignored
     */
    public boolean receive(byte[] datagram) {
        try {
            return receive(DhcpV4Codec.decode(datagram));
        } catch (DecodeException e) {
            return false;
        }
    }

    /** As {@link #receive(byte[])}, for a message already decoded (a shared socket demultiplexing by chaddr). */
    public boolean receive(DhcpV4Message m) {
        if (m.op() != DhcpV4Message.BOOTREPLY || m.xid() != xid
                || !Arrays.equals(m.clientHardwareAddress(), config.hardwareAddress())) {
            return false;
        }
        DhcpMessageType type = m.messageType().orElse(null);
        if (DhcpMessageType.OFFER.equals(type)) {
            return state == SELECTING && onOffer(m);
        }
        if (DhcpMessageType.ACK.equals(type)) {
            return onAck(m);
        }
        if (DhcpMessageType.NAK.equals(type)) {
            return onNak(m);
        }
        return false;
    }

    // --- INIT and SELECTING ---------------------------------------------------------------

    private void enterInit(Duration delay) {
        enterInit(delay, () -> { });
    }

    /** INIT: drop timers and lease, tell the listener why ({@code announce}), then DISCOVER after {@code delay}. */
    private void enterInit(Duration delay, Runnable announce) {
        cancelTimers();
        lease = null;
        setState(INIT);
        announce.run();
        if (state == INIT) {             // the listener may have stopped the client
            discoverAfter(delay);
        }
    }

    private void discoverAfter(Duration delay) {
        if (delay.isZero()) {
            beginSelecting();
        } else {
            exchangeTimer = scheduler.schedule(delay, this::beginSelecting);
        }
    }

    private void beginSelecting() {
        newExchange();
        offers.clear();
        chosenOffer = null;
        backoff = new RetransmissionBackoff(random);
        setState(SELECTING);
        transmitDiscover();
    }

    private void transmitDiscover() {
        discoverSecs = secs();
        send(messages.discover(xid, discoverSecs, Optional.ofNullable(previousAddress)), V4Destinations.BROADCAST);
        exchangeTimer = scheduler.schedule(backoff.next(), this::transmitDiscover);
    }

    private boolean onOffer(DhcpV4Message offer) {
        if (Ipv4.isUnspecified(offer.yiaddr()) || offer.serverIdentifier().isEmpty()) {
            return false;               // nothing to request, or no server to name in the REQUEST
        }
        if (config.offerWindow().isZero()) {
            request(offer);
            return true;
        }
        offers.add(offer);
        if (offerWindowTimer == ScheduledTask.NONE) {
            offerWindowTimer = scheduler.schedule(config.offerWindow(),
                    () -> request(offers.choose(Optional.ofNullable(previousAddress))));
        }
        return true;
    }

    // --- REQUESTING and REBOOTING -----------------------------------------------------------

    private void request(DhcpV4Message offer) {
        cancelExchangeTimers();
        chosenOffer = offer;
        requestSentAt = scheduler.now();
        requestsSent = 0;
        backoff = new RetransmissionBackoff(random);
        setState(REQUESTING);
        transmitSelectingRequest();
    }

    private void transmitSelectingRequest() {
        if (requestsSent == config.requestTransmissions()) {
            enterInit(Duration.ZERO);    // section 4.4.1: neither ACK nor NAK, start over
            return;
        }
        requestsSent++;
        send(messages.selectingRequest(xid, discoverSecs, chosenOffer.yiaddr(), chosenOffer.serverIdentifier().orElseThrow()),
                V4Destinations.BROADCAST);
        exchangeTimer = scheduler.schedule(backoff.next(), this::transmitSelectingRequest);
    }

    private void transmitRebootRequest() {
        if (requestsSent == config.requestTransmissions()) {
            previousAddress = lease.address();
            enterInit(Duration.ZERO);
            return;
        }
        requestsSent++;
        send(messages.rebootRequest(xid, secs(), lease.address()), V4Destinations.BROADCAST);
        exchangeTimer = scheduler.schedule(backoff.next(), this::transmitRebootRequest);
    }

    // --- replies ----------------------------------------------------------------------------

    private boolean onAck(DhcpV4Message ack) {
        Optional<Inet4Address> knownServer;
        switch (state) {
            case REQUESTING -> {
                if (!fromChosenServer(ack)) {
                    return false;
                }
                knownServer = chosenOffer.serverIdentifier();
            }
            case REBOOTING -> knownServer = Optional.empty();
            case RENEWING, REBINDING -> knownServer = Optional.of(lease.serverIdentifier());
            default -> {
                return false;
            }
        }
        Optional<DhcpV4Lease> granted = DhcpV4Lease.fromAck(ack, requestSentAt, knownServer);
        if (granted.isEmpty()) {
            return false;
        }
        if ((state == REQUESTING || state == REBOOTING) && config.addressInUse().test(granted.get().address())) {
            decline(granted.get());
        } else {
            bind(granted.get());
        }
        return true;
    }

    private boolean onNak(DhcpV4Message nak) {
        if (state == REQUESTING && !fromChosenServer(nak)) {
            return false;
        }
        if (state != REQUESTING && state != REBOOTING && state != RENEWING && state != REBINDING) {
            return false;
        }
        previousAddress = null;          // the server said this address is wrong here: do not ask for it again
        enterInit(config.nakRestartDelay(), () -> listener.nakReceived(nak));
        return true;
    }

    private boolean fromChosenServer(DhcpV4Message reply) {
        return reply.serverIdentifier().map(s -> s.equals(chosenOffer.serverIdentifier().orElseThrow())).orElse(true);
    }

    private void decline(DhcpV4Lease granted) {
        // Broadcast: the client has no address it could use as a source (section 4.4.4 of RFC 2131).
        send(messages.decline(random.nextInt(), granted.address(), granted.serverIdentifier()), V4Destinations.BROADCAST);
        previousAddress = null;
        enterInit(config.declineRestartDelay(), () -> listener.declined(granted.address()));
    }

    // --- BOUND, RENEWING, REBINDING ---------------------------------------------------------

    private void bind(DhcpV4Lease granted) {
        boolean extended = state == RENEWING || state == REBINDING;
        cancelTimers();
        lease = granted;
        previousAddress = granted.address();
        setState(BOUND);
        if (!granted.isInfinite()) {
            renewTimer = at(granted.renewAt(), this::enterRenewing);
            rebindTimer = at(granted.rebindAt(), this::enterRebinding);
            expiryTimer = at(granted.expiresAt(), this::expire);
        }
        if (extended) {
            listener.renewed(granted);
        } else {
            listener.bound(granted);
        }
    }

    private void enterRenewing() {
        if (state != BOUND) {
            return;
        }
        newExchange();
        requestSentAt = scheduler.now();
        setState(RENEWING);
        transmitRenewal();
    }

    private void enterRebinding() {
        if (state != BOUND && state != RENEWING) {
            return;
        }
        cancelExchangeTimers();
        newExchange();
        requestSentAt = scheduler.now();
        setState(REBINDING);
        transmitRenewal();
    }

    private void transmitRenewal() {
        boolean rebinding = state == REBINDING;
        InetSocketAddress to = rebinding ? V4Destinations.BROADCAST : V4Destinations.server(lease.serverIdentifier());
        send(messages.renewalRequest(xid, secs(), lease.address()), to);
        Instant deadline = rebinding ? lease.expiresAt() : lease.rebindAt();
        RenewalRetransmission.next(scheduler.now(), deadline)
                .ifPresent(wait -> exchangeTimer = scheduler.schedule(wait, this::transmitRenewal));
    }

    private void expire() {
        DhcpV4Lease expired = lease;
        enterInit(Duration.ZERO, () -> listener.expired(expired));
    }

    // --- plumbing ---------------------------------------------------------------------------

    private void newExchange() {
        xid = random.nextInt();
        exchangeStart = scheduler.now();
    }

    /** Seconds since the exchange began, as the 16-bit secs field holds them. */
    private int secs() {
        return (int) Math.min(0xFFFF, Duration.between(exchangeStart, scheduler.now()).getSeconds());
    }

    private void send(DhcpV4Message m, InetSocketAddress to) {
        transport.send(DhcpV4Codec.encode(m, DhcpV4Codec.DEFAULT_MAX_PAYLOAD), to);
    }

    private ScheduledTask at(Instant when, Runnable task) {
        return scheduler.schedule(Duration.between(scheduler.now(), when), task);
    }

    private void cancelExchangeTimers() {
        exchangeTimer.cancel();
        exchangeTimer = ScheduledTask.NONE;
        offerWindowTimer.cancel();
        offerWindowTimer = ScheduledTask.NONE;
    }

    private void cancelTimers() {
        cancelExchangeTimers();
        renewTimer.cancel();
        rebindTimer.cancel();
        expiryTimer.cancel();
        renewTimer = ScheduledTask.NONE;
        rebindTimer = ScheduledTask.NONE;
        expiryTimer = ScheduledTask.NONE;
    }

    private void setState(DhcpV4ClientState next) {
        DhcpV4ClientState previous = state;
        state = next;
        if (previous != next) {
            listener.stateChanged(previous, next);
        }
    }

    private void requireState(String action, DhcpV4ClientState... allowed) {
        for (DhcpV4ClientState s : allowed) {
            if (state == s) {
                return;
            }
        }
        throw new IllegalStateException("cannot " + action + " in state " + state + "; allowed in " + Arrays.toString(allowed));
    }
}
