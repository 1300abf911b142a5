package org.dhcpcluster.client.v6;

import java.time.Duration;
import java.util.Random;

/**
 * The sequence of retransmission timeouts of RFC 8415 section 15, one value per
 * transmission:
 * <pre>
 *   RT = IRT + RAND*IRT                  first transmission
 *   RT = 2*RTprev + RAND*RTprev          each later one
 *   if (MRT != 0 and RT &gt; MRT) RT = MRT + RAND*MRT
 * </pre>
 * with a fresh RAND, uniform in [-0.1, +0.1], for each computation, so clients that started
 * together spread out. For SOLICIT the first RAND is drawn from (0, +0.1] instead: section
 * 18.2.1 makes the first RT strictly longer than IRT, the window in which ADVERTISEs are
 * collected.
 */
final class RetransmissionTimer {
    static final double RAND_BOUND = 0.1;

    private final RetransmissionParameters parameters;
    private final Random random;
    private long rtNanos;

    RetransmissionTimer(RetransmissionParameters parameters, Random random) {
        this.parameters = parameters;
        this.random = random;
    }

    /** The RT that follows the transmission about to happen. */
    Duration next() {
        boolean first = rtNanos == 0;
        double rt;
        double rand;
        if (first) {
            rand = parameters.firstRtAboveIrt() ? RAND_BOUND * (1.0 - random.nextDouble()) : symmetricRand();
            double irt = parameters.irt().toNanos();
            rt = irt + rand * irt;
        } else {
            rand = symmetricRand();
            rt = 2 * rtNanos + rand * rtNanos;
        }
        double mrt = parameters.mrt().toNanos();
        if (mrt > 0 && rt > mrt) {
            rt = mrt + rand * mrt;
        }
        long nanos = Math.round(rt);
        if (first && parameters.firstRtAboveIrt() && nanos <= parameters.irt().toNanos()) {
            nanos = parameters.irt().toNanos() + 1;       // a RAND too small to show in nanoseconds is still > 0
        }
        rtNanos = nanos;
        return Duration.ofNanos(nanos);
    }

    private double symmetricRand() {
        return (random.nextDouble() * 2 - 1) * RAND_BOUND;
    }
}
