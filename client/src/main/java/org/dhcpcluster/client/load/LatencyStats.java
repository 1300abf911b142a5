package org.dhcpcluster.client.load;

import java.time.Duration;
import java.util.Arrays;

/**
 * The latencies of one kind of exchange in a load run, kept whole (a run has at most a few
 * hundred thousand) so percentiles are exact rather than estimated. Percentiles use the
 * nearest-rank definition: the smallest sample with at least p % of the samples at or below it,
 * which is always a latency that was really measured. Not thread-safe: one owner records.
 */
public final class LatencyStats {
    private long[] nanos = new long[64];
    private int count;
    private boolean sorted = true;

    public void record(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("a latency cannot be negative: " + latency);
        }
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latency.toNanos();
        sorted = false;
    }

    public int count() {
        return count;
    }

    /**
     * The nearest-rank percentile, 0 &lt; p &lt;= 100.
     *
     * @throws IllegalStateException when nothing was recorded (there is no such latency)
     */
    public Duration percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        if (count == 0) {
            throw new IllegalStateException("no samples");
        }
        sort();
        int rank = (int) Math.ceil(p / 100.0 * count);
        return Duration.ofNanos(nanos[Math.max(rank, 1) - 1]);
    }

    public Duration max() {
        return percentile(100);
    }

    private void sort() {
        if (!sorted) {
            Arrays.sort(nanos, 0, count);
            sorted = true;
        }
    }

    /** Adds every sample of {@code other}: the latencies of several seconds make one distribution. */
    public void addAll(LatencyStats other) {
        if (count + other.count > nanos.length) {
            nanos = Arrays.copyOf(nanos, Math.max(nanos.length * 2, count + other.count));
        }
        System.arraycopy(other.nanos, 0, nanos, count, other.count);
        count += other.count;
        sorted = count == 0;
    }

    /** An independent copy, for reading the numbers off the recording thread. */
    public LatencyStats copy() {
        LatencyStats c = new LatencyStats();
        c.nanos = Arrays.copyOf(nanos, Math.max(count, 1));
        c.count = count;
        c.sorted = sorted;
        return c;
    }
}
