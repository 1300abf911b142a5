package org.dhcpcluster.client.v4;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to retransmit a DHCPREQUEST in RENEWING and REBINDING (RFC 2131 section 4.4.5): after
 * half the time left until T2 (RENEWING) or until the lease expires (REBINDING), but never
 * sooner than 60 s. The exponential backoff of section 4.1 does not apply: a bound client
 * has time, and the server is not expected to be back within seconds.
 */
final class RenewalRetransmission {
    static final Duration MINIMUM = Duration.ofSeconds(60);

    private RenewalRetransmission() {
    }

    /**
     * The wait before the next DHCPREQUEST, or empty when that would land at or after the
     * deadline: the T2 or expiry timer takes over from there.
     */
    static Optional<Duration> next(Instant now, Instant deadline) {
        Duration remaining = Duration.between(now, deadline);
        Duration half = remaining.dividedBy(2);
        Duration wait = half.compareTo(MINIMUM) < 0 ? MINIMUM : half;
        return wait.compareTo(remaining) < 0 ? Optional.of(wait) : Optional.empty();
    }
}
