package org.dhcpcluster.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The real scheduler: tasks run on its thread, cancelled ones do not, and failures are reported. */
class ExecutorSchedulerTest {
    /** Only a bound on waiting for the executor thread, never a measured duration. */
    private static final long PATIENCE_SECONDS = 30;

    @Test
    void tasksRunOnTheSchedulersThreadAndTimeMovesForward() throws InterruptedException {
        try (ExecutorScheduler scheduler = ExecutorScheduler.singleThreaded("dhcp-client-test")) {
            Instant before = scheduler.now();
            AtomicReference<String> thread = new AtomicReference<>();
            AtomicReference<Instant> at = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);

            scheduler.schedule(Duration.ofMillis(20), () -> {
                thread.set(Thread.currentThread().getName());
                at.set(scheduler.now());
                done.countDown();
            });

            assertTrue(done.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertEquals("dhcp-client-test", thread.get());
            assertFalse(at.get().isBefore(before.plusMillis(20)), "a task never runs before its delay");
        }
    }

    @Test
    void aCancelledTaskDoesNotRun() throws InterruptedException {
        try (ExecutorScheduler scheduler = ExecutorScheduler.singleThreaded("dhcp-client-test")) {
            AtomicBoolean ran = new AtomicBoolean();
            ScheduledTask t = scheduler.schedule(Duration.ofMillis(50), () -> ran.set(true));
            t.cancel();
            CountDownLatch later = new CountDownLatch(1);
            scheduler.schedule(Duration.ofMillis(100), later::countDown);

            assertTrue(later.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertFalse(ran.get());
        }
    }

    @Test
    void aFailingTaskIsReportedToTheThreadsHandler() throws InterruptedException {
        AtomicReference<Throwable> reported = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r);
            t.setUncaughtExceptionHandler((th, e) -> {
                reported.set(e);
                done.countDown();
            });
            return t;
        });
        try {
            ExecutorScheduler scheduler = new ExecutorScheduler(executor);
            IllegalStateException boom = new IllegalStateException("boom");
            scheduler.schedule(Duration.ZERO, () -> {
                throw boom;
            });
            assertTrue(done.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
            assertSame(boom, reported.get());
            scheduler.close();
            assertFalse(executor.isShutdown(), "an executor passed in stays the caller's");
        } finally {
            executor.shutdownNow();
        }
    }
}
