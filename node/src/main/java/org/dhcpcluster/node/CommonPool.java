package org.dhcpcluster.node;

import java.util.concurrent.ForkJoinPool;

/**
 * Keeps {@code CompletableFuture} from starting a thread per callback.
 *
 * <p>Pekko's Java API hands results over through Scala's {@code CompletableFuture} subclass,
 * which runs callbacks on {@code ForkJoinPool.commonPool()}, and Pekko's own
 * {@code ActorContext.ask} chains one per answer. The common pool's parallelism is the core
 * count minus one; with two cores that is 1, and below 2 {@code CompletableFuture} falls back
 * to a new thread for every task. Measured on a 2-core machine: about 100 DHCP exchanges/s
 * before, and starved cluster heartbeats. Setting it must happen before the pool exists,
 * hence first thing in {@code main}.
 */
final class CommonPool {
    static final String PARALLELISM = "ForkJoinPool.common.parallelism";

    private CommonPool() {
    }

    static void ensureParallel() {
        if (System.getProperty(PARALLELISM) == null) {
            System.setProperty(PARALLELISM, String.valueOf(Math.max(2, Runtime.getRuntime().availableProcessors())));
        }
    }
}
