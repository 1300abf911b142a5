package org.dhcpcluster.client.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    private static LatencyStats millis(long... values) {
        LatencyStats s = new LatencyStats();
        for (long v : values) {
            s.record(Duration.ofMillis(v));
        }
        return s;
    }

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        LatencyStats s = new LatencyStats();
        for (int i = 100; i >= 1; i--) {      // recorded out of order
            s.record(Duration.ofMillis(i));
        }
        assertEquals(Duration.ofMillis(50), s.percentile(50));
        assertEquals(Duration.ofMillis(90), s.percentile(90));
        assertEquals(Duration.ofMillis(99), s.percentile(99));
        assertEquals(Duration.ofMillis(100), s.max());
        assertEquals(100, s.count());
    }

    @Test
    void percentilesAreAlwaysMeasuredValues() {
        LatencyStats s = millis(10, 20, 30, 40);
        assertEquals(Duration.ofMillis(20), s.percentile(50));   // rank ceil(2.0) = 2
        assertEquals(Duration.ofMillis(40), s.percentile(90));   // rank ceil(3.6) = 4
        assertEquals(Duration.ofMillis(10), s.percentile(1));    // rank ceil(0.04) = 1
    }

    @Test
    void oneSampleIsEveryPercentile() {
        LatencyStats s = millis(7);
        assertEquals(Duration.ofMillis(7), s.percentile(50));
        assertEquals(Duration.ofMillis(7), s.percentile(99));
    }

    @Test
    void growsPastItsInitialCapacityAndKeepsRecordingAfterAQuery() {
        LatencyStats s = new LatencyStats();
        for (int i = 1; i <= 1000; i++) {
            s.record(Duration.ofMillis(i));
        }
        assertEquals(Duration.ofMillis(500), s.percentile(50));
        s.record(Duration.ofMillis(2000));
        assertEquals(Duration.ofMillis(2000), s.max());
        assertEquals(1001, s.count());
    }

    @Test
    void aCopyIsIndependent() {
        LatencyStats s = millis(1, 2, 3);
        LatencyStats c = s.copy();
        s.record(Duration.ofMillis(100));
        assertEquals(3, c.count());
        assertEquals(Duration.ofMillis(3), c.max());
    }

    @Test
    void emptyStatsAndBadArgumentsAreRefused() {
        assertThrows(IllegalStateException.class, () -> new LatencyStats().percentile(50));
        assertThrows(IllegalArgumentException.class, () -> millis(1).percentile(0));
        assertThrows(IllegalArgumentException.class, () -> millis(1).percentile(101));
        assertThrows(IllegalArgumentException.class, () -> new LatencyStats().record(Duration.ofMillis(-1)));
    }

    @Test
    void addAllMakesOneDistributionOfSeveral() {
        LatencyStats merged = millis(5, 1);
        merged.addAll(millis(3, 2, 4));
        merged.addAll(new LatencyStats());
        assertEquals(5, merged.count());
        assertEquals(Duration.ofMillis(3), merged.percentile(50));
        assertEquals(Duration.ofMillis(5), merged.max());
    }
}
