package org.dhcpcluster.client.load;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of a load run, written on the run's scheduler thread and read every second by the
 * progress line: plain atomics, no locking.
 */
public final class LoadCounters {
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger bound = new AtomicInteger();
    final AtomicInteger renewed = new AtomicInteger();
    final AtomicInteger released = new AtomicInteger();
    final AtomicInteger naks = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    /** System.nanoTime() of the last client's first lease: the end of the lease rate's window. */
    final AtomicLong lastBoundNanos = new AtomicLong();

    void recordBound() {
        bound.incrementAndGet();
        lastBoundNanos.set(System.nanoTime());
    }

    public int started() {
        return started.get();
    }

    public int bound() {
        return bound.get();
    }

    public int renewed() {
        return renewed.get();
    }

    public int released() {
        return released.get();
    }

    public int naks() {
        return naks.get();
    }

    public int done() {
        return done.get();
    }
}
