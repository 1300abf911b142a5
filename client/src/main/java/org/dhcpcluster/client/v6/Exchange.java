package org.dhcpcluster.client.v6;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.dhcpcluster.client.runtime.ScheduledTask;
import org.dhcpcluster.client.runtime.Scheduler;
import org.dhcpcluster.client.runtime.Transport;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.codec.DhcpV6Codec;

/**
 * One client-initiated message exchange (RFC 8415 section 15): a transaction-id, the
 * message, and its retransmissions until a reply ends it ({@link #cancel()}) or MRC/MRD end
 * it as failed. Every transmission is the same message with the same transaction-id, except
 * for the Elapsed Time option (section 21.9): hundredths of a second since the first
 * transmission, 0 in the first, 0xffff once that no longer fits.
 *
 * <p>MRC: after the MRC-th transmission the exchange waits out that RT (a late reply still
 * counts) and then fails. MRD: counted from the first transmission, or given as an absolute
 * deadline (T2 for RENEW, the end of the leases for REBIND); the last wait is cut short at
 * it, and reaching it fails the exchange.
 */
final class Exchange {
    static final int ELAPSED_TIME_MAX = 0xFFFF;

    private final Scheduler scheduler;
    private final Transport transport;
    private final Random random;
    private final RetransmissionParameters parameters;
    private final ClientServerMessage message;
    private final Supplier<InetSocketAddress> destination;
    private final RetransmissionTimer timer;
    private Optional<Instant> deadline = Optional.empty();
    private BooleanSupplier onRtExpired = () -> true;
    private Runnable onFailure = () -> { };
    private Instant firstSentAt;
    private int transmissions;
    private ScheduledTask pending = ScheduledTask.NONE;
    private boolean finished;

    /**
     * @param message the message to send; its transaction-id is replaced by a fresh one and
     *        its Elapsed Time option (added if missing) by the exchange's own count
     * @param destination read at every transmission, so a UseMulticast reply can redirect it
     */
    Exchange(Scheduler scheduler, Transport transport, Random random, RetransmissionParameters parameters,
             ClientServerMessage message, Supplier<InetSocketAddress> destination) {
        this.scheduler = scheduler;
        this.transport = transport;
        this.random = random;
        this.parameters = parameters;
        this.message = message.toBuilder().transactionId(random.nextInt(ClientServerMessage.MAX_TRANSACTION_ID + 1)).build();
        this.destination = destination;
        this.timer = new RetransmissionTimer(parameters, random);
    }

    /** An absolute end for the exchange (section 18.2.4 and 18.2.5 express MRD as one). */
    Exchange until(Instant end) {
        deadline = Optional.of(end);
        return this;
    }

    /**
     * Asked each time an RT runs out, before retransmitting; answering false ends the exchange
     * quietly. SOLICIT uses it to stop and choose among the ADVERTISEs of the first RT.
     */
    Exchange whenRtExpires(BooleanSupplier decision) {
        onRtExpired = decision;
        return this;
    }

    /** Run when MRC or MRD ends the exchange without a reply. */
    Exchange whenFailed(Runnable action) {
        onFailure = action;
        return this;
    }

    /** Sends the first transmission after a random delay of up to the parameters' maxInitialDelay. */
    Exchange start() {
        Duration maxDelay = parameters.maxInitialDelay();
        if (maxDelay.isZero()) {
            transmit();
        } else {
            pending = scheduler.schedule(Duration.ofNanos((long) (random.nextDouble() * maxDelay.toNanos())), this::transmit);
        }
        return this;
    }

    /** Whether replies can still end this exchange: it has neither been answered, abandoned nor failed. */
    boolean isActive() {
        return !finished;
    }

    int transactionId() {
        return message.transactionId();
    }

    int transmissions() {
        return transmissions;
    }

    /** When the first transmission left; the lifetimes of a reply count from here. */
    Instant firstSentAt() {
        return firstSentAt;
    }

    /**
     * Sends again now instead of when the RT runs out (after a UseMulticast reply, section
     * 18.2.10), then continues the RT sequence from this transmission.
     */
    void transmitNow() {
        if (!finished) {
            pending.cancel();
            transmit();
        }
    }

    /** Ends the exchange: a reply arrived, or the client moved on. */
    void cancel() {
        finished = true;
        pending.cancel();
    }

    private void transmit() {
        Instant now = scheduler.now();
        if (firstSentAt == null) {
            firstSentAt = now;
        }
        transmissions++;
        ClientServerMessage m = message.toBuilder()
                .set(new DhcpV6Option(DhcpV6OptionCode.ELAPSED_TIME, elapsedTime(now))).build();
        transport.send(DhcpV6Codec.encode(m), destination.get());
        Duration wait = timer.next();
        Optional<Instant> end = end();
        if (end.isPresent() && now.plus(wait).isAfter(end.get())) {
            wait = Duration.between(now, end.get());
        }
        pending = scheduler.schedule(wait, this::rtExpired);
    }

    private void rtExpired() {
        if (finished) {
            return;
        }
        Instant now = scheduler.now();
        boolean outOfTime = end().map(e -> !now.isBefore(e)).orElse(false);
        boolean outOfTries = parameters.mrc() != 0 && transmissions >= parameters.mrc();
        if (outOfTime || outOfTries) {
            finished = true;
            onFailure.run();
            return;
        }
        if (!onRtExpired.getAsBoolean()) {
            finished = true;
            return;
        }
        transmit();
    }

    private Optional<Instant> end() {
        if (parameters.mrd().isZero()) {
            return deadline;
        }
        Instant byDuration = firstSentAt.plus(parameters.mrd());
        return Optional.of(deadline.filter(d -> d.isBefore(byDuration)).orElse(byDuration));
    }

    private byte[] elapsedTime(Instant now) {
        long centiseconds = Duration.between(firstSentAt, now).toMillis() / 10;
        int value = (int) Math.min(ELAPSED_TIME_MAX, centiseconds);
        return new byte[] {(byte) (value >>> 8), (byte) value};
    }
}
