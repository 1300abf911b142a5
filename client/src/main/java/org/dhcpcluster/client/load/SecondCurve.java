package org.dhcpcluster.client.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The measured phase second by second, for the curves a benchmark plots (a cold start, a
 * rolling restart): what was offered, what completed, and the latency of the exchanges that
 * completed in that second. Failures are counted in the second the failed client or renewal
 * was offered, so a bad second shows where it began rather than a give-up time later.
 * Written on the load run's scheduler thread only.
 */
public final class SecondCurve {
    /** One second's tallies; second 0 starts with the measured phase. */
    public static final class Second {
        int offered;
        int leased;
        int renewalsOffered;
        int renewed;
        int naks;
        int failed;
        int duplicates;
        final LatencyStats exchanges = new LatencyStats();

        public int offered() {
            return offered;
        }

        public int leased() {
            return leased;
        }

        public int renewalsOffered() {
            return renewalsOffered;
        }

        public int renewed() {
            return renewed;
        }

        public int naks() {
            return naks;
        }

        public int failed() {
            return failed;
        }

        public int duplicates() {
            return duplicates;
        }

        public LatencyStats exchanges() {
            return exchanges;
        }
    }

    private final Instant origin;
    private final List<Second> seconds = new ArrayList<>();

    public SecondCurve(Instant origin) {
        this.origin = origin;
    }

    public Instant origin() {
        return origin;
    }

    /** The second holding instant {@code t} (an instant before the origin counts as second 0). */
    public Second at(Instant t) {
        long index = Math.max(0, Duration.between(origin, t).toNanos() / 1_000_000_000L);
        while (seconds.size() <= index) {
            seconds.add(new Second());
        }
        return seconds.get((int) index);
    }

    public List<Second> seconds() {
        return List.copyOf(seconds);
    }

    /** Latencies of the exchanges completed from second {@code from} on: the figure once a start-up has settled. */
    public LatencyStats exchangesFrom(int from) {
        LatencyStats all = new LatencyStats();
        for (int i = from; i < seconds.size(); i++) {
            all.addAll(seconds.get(i).exchanges);
        }
        return all;
    }

    /** One JSON line per second, for scripts: {"event":"second","t":0,...}. Latencies in ms, null when none completed. */
    public List<String> jsonLines() {
        List<String> out = new ArrayList<>();
        for (int t = 0; t < seconds.size(); t++) {
            Second s = seconds.get(t);
            out.add(String.format(Locale.ROOT, "{\"event\":\"second\",\"t\":%d,\"offered\":%d,\"leased\":%d,\"renewals\":%d,"
                            + "\"renewed\":%d,\"naks\":%d,\"failed\":%d,\"duplicates\":%d,\"exchanges\":%d,\"p50-ms\":%s,\"p99-ms\":%s}",
                    t, s.offered, s.leased, s.renewalsOffered, s.renewed, s.naks, s.failed, s.duplicates,
                    s.exchanges.count(), ms(s.exchanges, 50), ms(s.exchanges, 99)));
        }
        return out;
    }

    static String ms(LatencyStats s, double p) {
        return s.count() == 0 ? "null" : String.format(Locale.ROOT, "%.3f", s.percentile(p).toNanos() / 1e6);
    }
}
