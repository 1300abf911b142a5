package org.dhcpcluster.client.v4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 2131 section 4.4.5: wait half the remaining time, at least 60 s, and never past the deadline. */
class RenewalRetransmissionTest {
    private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void waitsHalfTheRemainingTimeWhenThatIsAtLeastSixtySeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(500)), RenewalRetransmission.next(NOW, NOW.plusSeconds(1000)));
        assertEquals(Optional.of(Duration.ofSeconds(60)), RenewalRetransmission.next(NOW, NOW.plusSeconds(120)));
    }

    @Test
    void waitsSixtySecondsWhenHalfTheRemainingTimeIsLess() {
        assertEquals(Optional.of(Duration.ofSeconds(60)), RenewalRetransmission.next(NOW, NOW.plusSeconds(100)));
    }

    @Test
    void retransmitsNoMoreWhenSixtySecondsWouldReachTheDeadline() {
        assertTrue(RenewalRetransmission.next(NOW, NOW.plusSeconds(60)).isEmpty());
        assertTrue(RenewalRetransmission.next(NOW, NOW.plusSeconds(10)).isEmpty());
        assertTrue(RenewalRetransmission.next(NOW, NOW.minusSeconds(10)).isEmpty());
    }
}
