package org.dhcpcluster.client.udp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.dhcpcluster.client.runtime.Scheduler;

/**
 * Runs a piece of work on a scheduler's thread and waits for its result: the state machines
 * may only be touched there, but a CLI's main thread or a signal handler needs answers
 * ("which lease do we hold?", "RELEASE sent?") from outside it.
 */
public final class OnSchedulerThread {
    private OnSchedulerThread() {
    }

    public static <T> T call(Scheduler scheduler, Duration timeout, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        scheduler.schedule(Duration.ZERO, () -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the client's thread", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the client's thread did not answer within " + timeout, e);
        }
    }

    public static void run(Scheduler scheduler, Duration timeout, Runnable work) {
        call(scheduler, timeout, () -> {
            work.run();
            return null;
        });
    }
}
