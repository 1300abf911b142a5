package org.dhcpcluster.lease.readmodel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** JDBC calls off the actors' threads: on an executor meant for blocking, as a future. */
final class Blocking {
    /** A piece of blocking work that may throw (SQLException, above all). */
    interface Work<T> {
        T run() throws Exception;
    }

    private Blocking() {
    }

    static <T> CompletableFuture<T> on(Executor executor, Work<T> work) {
        CompletableFuture<T> out = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                out.complete(work.run());
            } catch (Exception | Error e) {
                out.completeExceptionally(e);
            }
        });
        return out;
    }
}
