package org.dhcpcluster.client.load;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of a load run, written on the run's scheduler thread and read every second by the
 * progress line: plain atomics, no locking. New clients only, except where named.
 */
public final class LoadCounters {
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger bound = new AtomicInteger();
    final AtomicInteger renewed = new AtomicInteger();
    final AtomicInteger released = new AtomicInteger();
    final AtomicInteger naks = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    /** New clients and renewals that gave up (no lease, no answer within the give-up time). */
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger populationBound = new AtomicInteger();
    final AtomicInteger renewalsOffered = new AtomicInteger();
    final AtomicInteger renewalsAnswered = new AtomicInteger();
    /** Wall-clock milliseconds at which the measured phase began; 0 before. */
    final AtomicLong measuredStartEpochMillis = new AtomicLong();

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

    public int failed() {
        return failed.get();
    }

    public int populationBound() {
        return populationBound.get();
    }

    public int renewalsOffered() {
        return renewalsOffered.get();
    }

    public int renewalsAnswered() {
        return renewalsAnswered.get();
    }

    public long measuredStartEpochMillis() {
        return measuredStartEpochMillis.get();
    }
}
