package org.dhcpcluster.client.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real {@link Scheduler}, over a {@link ScheduledExecutorService}.
 *
 * <p>{@link #now()} is monotonic: the wall-clock instant at construction plus
 * {@link System#nanoTime()} elapsed since. A lease's T1, T2 and expiry are durations from
 * when the request was sent (RFC 2131 section 4.4.1, RFC 8415 section 18.2.10.1), so a
 * wall-clock step (NTP, a suspended laptop's clock being set) must not move them.
 *
 * <p>Give each client (or each group of clients sharing state) a single-threaded executor,
 * as {@link #singleThreaded(String)} does: the state machines rely on their tasks never
 * running concurrently. A task that throws is reported to the thread's uncaught-exception
 * handler instead of vanishing into its future.
 */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {
    private final ScheduledExecutorService executor;
    private final boolean ownsExecutor;
    private final Instant origin = Instant.now();
    private final long originNanos = System.nanoTime();

    /** Uses an executor the caller owns (and shuts down). */
    public ExecutorScheduler(ScheduledExecutorService executor) {
        this(executor, false);
    }

    private ExecutorScheduler(ScheduledExecutorService executor, boolean ownsExecutor) {
        this.executor = executor;
        this.ownsExecutor = ownsExecutor;
    }

    /** A scheduler with its own daemon thread, stopped by {@link #close()}. */
    public static ExecutorScheduler singleThreaded(String threadName) {
        return new ExecutorScheduler(Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        }), true);
    }

    @Override
    public Instant now() {
        return origin.plusNanos(System.nanoTime() - originNanos);
    }

    @Override
    public ScheduledTask schedule(Duration delay, Runnable task) {
        long nanos = Math.max(0, delay.toNanos());
        ScheduledFuture<?> f = executor.schedule(() -> runReporting(task), nanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    private static void runReporting(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, e);
        }
    }

    /** Shuts the executor down if this scheduler created it; an executor passed in stays the caller's. */
    @Override
    public void close() {
        if (ownsExecutor) {
            executor.shutdownNow();
        }
    }
}
