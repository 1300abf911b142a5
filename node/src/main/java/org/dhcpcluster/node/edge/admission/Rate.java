package org.dhcpcluster.node.edge.admission;

/**
 * A limit on messages: {@code perSecond} sustained, {@code burst} at once (a relay forwarding a
 * whole building's clients after a power cut sends a burst, then a steady rate). {@link #UNLIMITED}
 * admits everything.
 */
public record Rate(double perSecond, int burst) {
    public static final Rate UNLIMITED = new Rate(Double.POSITIVE_INFINITY, Integer.MAX_VALUE);

    public Rate {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a rate needs perSecond > 0 and burst >= 1, got " + perSecond + "/s burst " + burst);
        }
    }

    public boolean unlimited() {
        return Double.isInfinite(perSecond);
    }
}
