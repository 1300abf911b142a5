package org.dhcpcluster.client.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.dhcpcluster.client.runtime.FakeScheduler;
import org.junit.jupiter.api.Test;

class ExchangeMeterTest {

    @Test
    void anExchangeRunsFromTheFirstTransmissionToTheMatchingReply() {
        FakeScheduler clock = new FakeScheduler();
        ExchangeMeter meter = new ExchangeMeter(clock);
        meter.sent(1, "DISCOVER-OFFER", 42);
        clock.advance(Duration.ofSeconds(4));
        meter.sent(1, "DISCOVER-OFFER", 42);          // retransmission keeps the start
        clock.advance(Duration.ofMillis(10));
        meter.answered(1, 7);                           // another transaction: ignored
        meter.answered(1, 42);
        Map<String, LatencyStats> s = meter.snapshot();
        assertEquals(1, s.get("DISCOVER-OFFER").count());
        assertEquals(Duration.ofMillis(4010), s.get("DISCOVER-OFFER").max());
    }

    @Test
    void aReleaseEndsThePendingExchangeAndDuplicatesCountOnce() {
        FakeScheduler clock = new FakeScheduler();
        ExchangeMeter meter = new ExchangeMeter(clock);
        meter.sent(2, "REQUEST-ACK", 5);
        clock.advance(Duration.ofMillis(3));
        meter.answered(2, 5);
        meter.answered(2, 5);                           // a duplicate reply
        meter.sent(2, "RENEW-ACK", 6);
        meter.sent(2, null, 9);                         // DHCPRELEASE: nothing awaited
        meter.answered(2, 6);
        Map<String, LatencyStats> s = meter.snapshot();
        assertEquals(1, s.get("REQUEST-ACK").count());
        assertTrue(!s.containsKey("RENEW-ACK"));
    }
}
