package org.dhcpcluster.client.v4;

import java.time.Duration;
import java.util.Random;

/**
 * The DHCPv4 retransmission delays of RFC 2131 section 4.1: 4 s before the first
 * retransmission, doubling each time up to 64 s, each randomized by a uniform -1..+1 s so
 * that clients started together (a power cut ending) drift apart. One instance per exchange:
 * DISCOVER, REQUEST in REQUESTING, REQUEST in REBOOTING.
 */
final class RetransmissionBackoff {
    static final Duration FIRST = Duration.ofSeconds(4);
    static final Duration MAXIMUM = Duration.ofSeconds(64);
    static final Duration JITTER = Duration.ofSeconds(1);

    private final Random random;
    private Duration base = FIRST;

    RetransmissionBackoff(Random random) {
        this.random = random;
    }

    /** The wait before the next retransmission; each call moves one step up the 4, 8, ... 64 s ladder. */
    Duration next() {
        double unit = random.nextDouble() * 2 - 1;                     // uniform in [-1, +1)
        Duration delay = base.plusNanos(Math.round(unit * JITTER.toNanos()));
        Duration doubled = base.multipliedBy(2);
        base = doubled.compareTo(MAXIMUM) > 0 ? MAXIMUM : doubled;
        return delay;
    }
}
