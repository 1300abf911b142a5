package org.dhcpcluster.node.logging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Lets one line through per interval and counts the rest, so a flood of the same problem
 * (an overloaded node timing out thousands of requests, an exhausted pool) stays readable
 * and cheap: the log shows the first occurrence and how many were suppressed since, while
 * the metrics count every one.
 */
public final class RateLimitedLog {
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public RateLimitedLog(Duration interval) {
        this(interval, System::nanoTime);
    }

    RateLimitedLog(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Calls {@code log} with the number of lines suppressed since the last one, or counts this one. */
    public void log(Consumer<Long> log) {
        long now = nanoTime.getAsLong();
        long allowed = nextAllowed.get();
        if (now - allowed >= 0 || allowed == Long.MIN_VALUE) {
            if (nextAllowed.compareAndSet(allowed, now + intervalNanos)) {
                log.accept(suppressed.getAndSet(0));
                return;
            }
        }
        suppressed.incrementAndGet();
    }
}
