package org.dhcpcluster.client.runtime;

/** A task handed to a {@link Scheduler}; cancelling it keeps it from running if it has not run yet. */
public interface ScheduledTask {

    /** Keeps the task from running; does nothing if it already ran or was cancelled. */
    void cancel();

    /** A task that is never going to run: the "no timer" value, so fields need no null checks. */
    ScheduledTask NONE = () -> { };
}
