package org.dhcpcluster.client.load;

import java.time.Duration;

/**
 * What a load run does besides starting new clients, and how it judges them.
 *
 * <ul>
 *   <li>A population: {@code population} clients bound first at {@code populationRate} per
 *       second. Not measured: they are the leases a renewal storm or a warm cluster needs.
 *   <li>Renewals: during the measured phase, {@code renewals} renewals at {@code renewRate}
 *       per second, each one population client (in turn, skipping any without a lease) renewing
 *       at once instead of at T1. As many renewals as clients makes every client renew once.
 *   <li>{@code giveUp}: a new client without a lease, or a renewal without an answer, this long
 *       after it began has failed. The default, 28 s, is the sum of RFC 2131's first three
 *       retransmission waits (4, 8 and 16 s, section 4.1): a client that has retransmitted
 *       three times and heard nothing is a client the server has failed.
 *   <li>{@code settle}: the report also gives latencies from this far into the measured phase
 *       on (the figure for a server once a cold start is over).
 *   <li>{@code perSecond}: print the per-second curve of the measured phase.
 * </ul>
 */
public record LoadPlan(int population, double populationRate, int renewals, double renewRate, Duration giveUp,
                       Duration settle, boolean perSecond) {
    public static final Duration DEFAULT_GIVE_UP = Duration.ofSeconds(28);
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(10);
    /** New clients only, as before populations and renewal streams existed. */
    public static final LoadPlan NEW_CLIENTS_ONLY = new LoadPlan(0, 0, 0, 0, DEFAULT_GIVE_UP, DEFAULT_SETTLE, false);

    public LoadPlan {
        if (population < 0 || renewals < 0) {
            throw new IllegalArgumentException("--population and --renewals cannot be negative");
        }
        if (population > 0 && !(populationRate > 0)) {
            throw new IllegalArgumentException("--population-rate must be positive: " + populationRate);
        }
        if (renewals > 0 && population == 0) {
            throw new IllegalArgumentException("renewals need a population (--population) to renew");
        }
        if (renewals > 0 && !(renewRate > 0)) {
            throw new IllegalArgumentException("--renew-rate must be positive: " + renewRate);
        }
        if (giveUp.isNegative() || giveUp.isZero() || settle.isNegative()) {
            throw new IllegalArgumentException("--give-up must be positive and --settle not negative");
        }
    }
}
