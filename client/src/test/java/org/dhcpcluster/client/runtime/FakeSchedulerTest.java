package org.dhcpcluster.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeSchedulerTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private final FakeScheduler scheduler = new FakeScheduler(T0);
    private final List<String> ran = new ArrayList<>();

    @Test
    void advanceRunsDueTasksInTimeOrderThenSchedulingOrder() {
        scheduler.schedule(Duration.ofSeconds(3), () -> ran.add("c@" + scheduler.now()));
        scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("a@" + scheduler.now()));
        scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("b@" + scheduler.now()));
        scheduler.schedule(Duration.ofSeconds(9), () -> ran.add("late"));

        scheduler.advance(Duration.ofSeconds(5));

        assertEquals(List.of("a@" + T0.plusSeconds(1), "b@" + T0.plusSeconds(1), "c@" + T0.plusSeconds(3)), ran);
        assertEquals(T0.plusSeconds(5), scheduler.now());
        assertEquals(1, scheduler.pendingTasks());
    }

    @Test
    void tasksScheduledWhileAdvancingRunInTheSameAdvanceWhenDue() {
        scheduler.schedule(Duration.ofSeconds(1), () -> {
            ran.add("first");
            scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("second@" + scheduler.now()));
            scheduler.schedule(Duration.ofSeconds(10), () -> ran.add("too late"));
        });

        scheduler.advance(Duration.ofSeconds(2));

        assertEquals(List.of("first", "second@" + T0.plusSeconds(2)), ran);
    }

    @Test
    void cancelledTasksNeverRun() {
        ScheduledTask t = scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("cancelled"));
        scheduler.schedule(Duration.ofSeconds(2), () -> ran.add("kept"));
        t.cancel();

        scheduler.advance(Duration.ofMinutes(1));

        assertEquals(List.of("kept"), ran);
        assertEquals(0, scheduler.pendingTasks());
    }

    @Test
    void runNextJumpsToTheNextTaskOnly() {
        scheduler.schedule(Duration.ofSeconds(4), () -> ran.add("a"));
        scheduler.schedule(Duration.ofSeconds(7), () -> ran.add("b"));

        assertTrue(scheduler.runNext());
        assertEquals(List.of("a"), ran);
        assertEquals(T0.plusSeconds(4), scheduler.now());
        assertEquals(T0.plusSeconds(7), scheduler.nextDue().orElseThrow());
        assertTrue(scheduler.runNext());
        assertFalse(scheduler.runNext());
        assertEquals(T0.plusSeconds(7), scheduler.now());
    }

    @Test
    void negativeDelaysRunAtTheNextAdvanceAndTimeNeverGoesBack() {
        scheduler.schedule(Duration.ofSeconds(-5), () -> ran.add("now"));
        scheduler.advance(Duration.ZERO);
        assertEquals(List.of("now"), ran);
        assertEquals(T0, scheduler.now());
        assertThrows(IllegalArgumentException.class, () -> scheduler.advance(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> scheduler.advanceTo(T0.minusSeconds(1)));
    }
}
