package org.dhcpcluster.node.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {
    @Test
    void aFloodLogsOnceAndCountsTheRest() {
        RateLimitedLog limited = new RateLimitedLog(Duration.ofHours(1));
        List<Long> lines = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            limited.log(lines::add);
        }
        assertEquals(List.of(0L), lines);
    }

    @Test
    void theNextLineAfterTheIntervalReportsHowManyWereSuppressed() {
        AtomicLong now = new AtomicLong(0);
        RateLimitedLog limited = new RateLimitedLog(Duration.ofSeconds(10), now::get);
        List<Long> lines = new ArrayList<>();
        limited.log(lines::add);
        for (int s = 1; s <= 3; s++) {
            now.set(Duration.ofSeconds(s).toNanos());
            limited.log(lines::add);
        }
        now.set(Duration.ofSeconds(11).toNanos());
        limited.log(lines::add);
        assertEquals(List.of(0L, 3L), lines);
    }
}
