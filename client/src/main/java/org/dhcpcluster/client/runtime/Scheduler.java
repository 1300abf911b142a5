package org.dhcpcluster.client.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock and timer a client state machine runs on. Every decision a client makes about
 * time (when to retransmit, when T1 and T2 fall, how many seconds go in {@code secs}) reads
 * {@link #now()} and waits with {@link #schedule}; nothing reads the system clock directly.
 * That is what lets {@link FakeScheduler} replay hours of lease life in a test without
 * sleeping, and lets a load generator run thousands of clients on one thread.
 *
 * <p>State machines are not thread-safe: an implementation runs tasks one at a time, and the
 * owner of a client hands it received datagrams on the same thread (for
 * {@link ExecutorScheduler}, by scheduling the hand-over with a zero delay).
 */
public interface Scheduler {

    /** The current time; it never goes backwards. */
    Instant now();

    /**
     * Runs {@code task} once, {@code delay} from now (a negative delay counts as zero). Tasks
     * due at the same instant run in the order they were scheduled.
     */
    ScheduledTask schedule(Duration delay, Runnable task);
}
