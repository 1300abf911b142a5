package org.dhcpcluster.client.load;

import java.time.Duration;
import java.time.Instant;

/**
 * What the measured phase saw: new clients offered and leased, renewals offered and answered,
 * failures (nothing within the give-up time), duplicate answers, DHCPNAKs, and the per-second
 * curve. Exchange latencies are in the run's result.
 *
 * @param lateLeases new clients that got a lease after they had already counted as failed
 * @param leaseWindow from the start of the phase to the last new client's first lease
 * @param renewalsSkipped renewals due when no population client held a lease to renew
 * @param renewalWindow from the first renewal sent to the last renewal answered
 */
public record MeasuredPhase(Instant start, Duration elapsed, int leasesOffered, int leased, int leasesFailed,
                            int lateLeases, Duration leaseWindow, int renewalsOffered, int renewalsAcked,
                            int renewalsNaked, int renewalsFailed, int renewalsSkipped, Duration renewalWindow,
                            long duplicates, int naks, SecondCurve curve) {

    /** Renewals acknowledged per second over the renewal window: what a server sustained in a storm. */
    public double renewalRate() {
        double s = renewalWindow.toNanos() / 1e9;
        return s > 0 ? renewalsAcked / s : 0;
    }

    public double leaseRate() {
        double s = leaseWindow.toNanos() / 1e9;
        return s > 0 ? leased / s : 0;
    }

    /** Exchange latencies from {@code settle} into the phase on. */
    public LatencyStats latenciesAfter(Duration settle) {
        return curve.exchangesFrom((int) settle.toSeconds());
    }
}
