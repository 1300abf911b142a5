package org.dhcpcluster.client.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} whose time moves only when told to. {@link #advance} runs every task
 * that falls due on the way, in time order (then in scheduling order), with {@link #now()}
 * set to each task's due time while it runs, so a client sees exactly the instants a real
 * clock would show it. Tasks scheduled by running tasks take part in the same advance.
 *
 * <p>Single-threaded by design; for tests and simulations (a load generator can use it to
 * model hours of lease life in seconds).
 */
public final class FakeScheduler implements Scheduler {
    private final PriorityQueue<Entry> queue = new PriorityQueue<>(
            Comparator.comparing((Entry e) -> e.due).thenComparingLong(e -> e.sequence));
    private Instant now;
    private long nextSequence;

    public FakeScheduler(Instant start) {
        this.now = start;
    }

    /** Starts at 2024-01-01T00:00:00Z: any fixed instant works, a fixed one makes failures repeatable. */
    public FakeScheduler() {
        this(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public ScheduledTask schedule(Duration delay, Runnable task) {
        Duration d = delay.isNegative() ? Duration.ZERO : delay;
        Entry e = new Entry(now.plus(d), nextSequence++, task);
        queue.add(e);
        return () -> e.cancelled = true;
    }

    /** Moves time forward by {@code duration}, running every task due up to and including the new time. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + duration);
        }
        advanceTo(now.plus(duration));
    }

    /** Moves time forward to {@code target} (not backwards), running every task due by then. */
    public void advanceTo(Instant target) {
        if (target.isBefore(now)) {
            throw new IllegalArgumentException("time only moves forward: " + target + " is before " + now);
        }
        while (runNextDueBy(target)) {
            // each pass runs one task; tasks it schedules are considered by the next pass
        }
        now = target;
    }

    /**
     * Moves time to the next pending task and runs it (only that one).
     *
     * @return false, leaving time alone, when no task is pending
     */
    public boolean runNext() {
        Optional<Instant> next = nextDue();
        return next.isPresent() && runNextDueBy(next.get());
    }

    /** When the next pending task is due. */
    public Optional<Instant> nextDue() {
        dropCancelledHead();
        return queue.isEmpty() ? Optional.empty() : Optional.of(queue.peek().due);
    }

    /** Tasks scheduled and neither run nor cancelled. */
    public int pendingTasks() {
        return (int) queue.stream().filter(e -> !e.cancelled).count();
    }

    private boolean runNextDueBy(Instant target) {
        dropCancelledHead();
        Entry head = queue.peek();
        if (head == null || head.due.isAfter(target)) {
            return false;
        }
        queue.poll();
        now = head.due;
        head.task.run();
        return true;
    }

    private void dropCancelledHead() {
        while (!queue.isEmpty() && queue.peek().cancelled) {
            queue.poll();
        }
    }

    private static final class Entry {
        final Instant due;
        final long sequence;
        final Runnable task;
        boolean cancelled;

        Entry(Instant due, long sequence, Runnable task) {
            this.due = due;
            this.sequence = sequence;
            this.task = task;
        }
    }
}
