package org.dhcpcluster.lease.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Continuations on Pekko's futures without a thread per callback.
 *
 * <p>Pekko's Java API returns Scala's {@code CompletableFuture} subclass, which turns every
 * non-async callback ({@code thenApply}, {@code handle}, ...) into an async one on the
 * default executor, {@code ForkJoinPool.commonPool()}. On a machine with two cores that pool
 * has parallelism 1, and {@code CompletableFuture} then starts a new thread for every
 * callback: measured here as DHCP throughput collapsing to about 100 exchanges/s. Results
 * are therefore handed to a plain {@link CompletableFuture} on the thread that completes
 * them (an actor's dispatcher thread, which is where the work belongs anyway).
 */
public final class Stages {
    /** Runs a task on the calling thread. */
    public static final Executor DIRECT = Runnable::run;

    private Stages() {
    }

    /** The same outcome as {@code stage}, as a plain CompletableFuture whose callbacks run where they complete. */
    public static <T> CompletableFuture<T> plain(CompletionStage<T> stage) {
        CompletableFuture<T> out = new CompletableFuture<>();
        stage.whenCompleteAsync((value, failure) -> {
            if (failure != null) {
                out.completeExceptionally(failure);
            } else {
                out.complete(value);
            }
        }, DIRECT);
        return out;
    }
}
