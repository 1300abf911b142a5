package org.dhcpcluster.client.v4;

import static org.dhcpcluster.client.v4.V4Harness.ADDRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.junit.jupiter.api.Test;

/** RFC 2131 section 4.1: 4 s, 8 s, ... up to 64 s between transmissions, each +/- 1 s. */
class DhcpV4RetransmissionTest {

    /** Whether {@code interval} is the n-th backoff step (0 = first retransmission) within its jitter. */
    private static void assertBackoffStep(int n, Duration interval) {
        long base = Math.min(4L << n, 64L);
        Duration low = Duration.ofSeconds(base - 1);
        Duration high = Duration.ofSeconds(base + 1);
        assertTrue(interval.compareTo(low) >= 0 && interval.compareTo(high) <= 0,
                "retransmission " + n + " after " + interval + ", expected " + base + " s +/- 1 s");
    }

    @Test
    void discoverBacksOffFromFourToSixtyFourSecondsWithOneSecondOfJitter() {
        V4Harness h = new V4Harness();
        h.client.start();
        h.scheduler.advance(Duration.ofMinutes(10));

        List<Duration> intervals = h.transport.intervalsFrom(0);
        assertTrue(intervals.size() >= 10, "10 minutes hold at least 10 retransmissions: " + intervals.size());
        for (int i = 0; i < intervals.size(); i++) {
            assertBackoffStep(i, intervals.get(i));
        }
        int xid = h.sent(0).xid();
        for (int i = 0; i < h.transport.count(); i++) {
            DhcpV4Message m = h.sent(i);
            assertEquals(DhcpMessageType.DISCOVER, m.messageType().orElseThrow());
            assertEquals(xid, m.xid(), "retransmissions keep the transaction's xid");
            long elapsed = Duration.between(h.transport.sent().get(0).at(), h.transport.sent().get(i).at()).getSeconds();
            assertEquals(elapsed, m.secs(), "secs counts whole seconds since the first DISCOVER");
        }
    }

    @Test
    void jitterIsRandomButTheSameSeedGivesTheSameSchedule() {
        V4Harness a = new V4Harness(DhcpV4ClientConfig.builder(V4Harness.MAC).build(), 7);
        V4Harness b = new V4Harness(DhcpV4ClientConfig.builder(V4Harness.MAC).build(), 7);
        V4Harness c = new V4Harness(DhcpV4ClientConfig.builder(V4Harness.MAC).build(), 8);
        for (V4Harness h : List.of(a, b, c)) {
            h.client.start();
            h.scheduler.advance(Duration.ofMinutes(3));
        }
        assertEquals(a.transport.intervalsFrom(0), b.transport.intervalsFrom(0));
        assertNotEquals(a.transport.intervalsFrom(0), c.transport.intervalsFrom(0));
    }

    @Test
    void anUnansweredRequestIsSentFourTimesThenDiscoveryStartsOver() {
        V4Harness h = new V4Harness();
        h.client.start();
        DhcpV4Message discover = h.lastSent(DhcpMessageType.DISCOVER);
        h.deliver(h.server.offer(discover, ADDRESS, 600));
        int firstRequest = h.transport.count() - 1;

        h.scheduler.advance(Duration.ofSeconds(4 + 8 + 16 + 32 + 4));

        List<Duration> intervals = h.transport.intervalsFrom(firstRequest);
        for (int i = 0; i < 3; i++) {
            assertEquals(DhcpMessageType.REQUEST, h.sent(firstRequest + i + 1).messageType().orElseThrow());
            assertBackoffStep(i, intervals.get(i));
        }
        DhcpV4Message restart = h.sent(firstRequest + 4);
        assertEquals(DhcpMessageType.DISCOVER, restart.messageType().orElseThrow());
        assertBackoffStep(3, intervals.get(3));
        assertNotEquals(discover.xid(), restart.xid(), "a new exchange has a new xid");
        assertEquals(0, restart.secs());
        assertEquals(DhcpV4ClientState.SELECTING, h.client.state());
    }

    @Test
    void everyBackoffStepStaysWithinItsJitterOverManySeeds() {
        for (long seed = 0; seed < 200; seed++) {
            RetransmissionBackoff backoff = new RetransmissionBackoff(new Random(seed));
            for (int n = 0; n < 8; n++) {
                assertBackoffStep(n, backoff.next());
            }
        }
    }
}
