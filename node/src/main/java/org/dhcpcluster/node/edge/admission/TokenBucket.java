package org.dhcpcluster.node.edge.admission;

/**
 * A sustained rate with room for a burst: {@code burst} tokens at most, refilled at {@code rate}
 * a second, one taken per admitted message. Time comes from the caller so tests need no clock.
 */
final class TokenBucket {
    private final double perMilli;
    private final double burst;
    private double tokens;
    private long lastMillis;

    TokenBucket(Rate rate, long nowMillis) {
        this.perMilli = rate.perSecond() / 1000.0;
        this.burst = rate.burst();
        this.tokens = rate.burst();
        this.lastMillis = nowMillis;
    }

    /** Takes one token if there is one. */
    synchronized boolean take(long nowMillis) {
        if (nowMillis > lastMillis) {
            tokens = Math.min(burst, tokens + (nowMillis - lastMillis) * perMilli);
            lastMillis = nowMillis;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
