package org.dhcpcluster.client.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dhcpcluster.client.runtime.FakeScheduler;
import org.junit.jupiter.api.Test;

class ExchangeMeterTest {
    private final FakeScheduler clock = new FakeScheduler();
    private final ExchangeMeter meter = new ExchangeMeter(clock);

    @Test
    void anExchangeRunsFromTheFirstTransmissionToTheMatchingReply() {
        meter.sent(1, "DISCOVER-OFFER", 42);
        clock.advance(Duration.ofSeconds(4));
        meter.sent(1, "DISCOVER-OFFER", 42);          // retransmission keeps the start
        clock.advance(Duration.ofMillis(10));
        meter.answered(1, "OFFER", 7);                  // another transaction: ignored
        meter.answered(1, "OFFER", 42);
        Map<String, LatencyStats> s = meter.snapshot();
        assertEquals(1, s.get("DISCOVER-OFFER").count());
        assertEquals(Duration.ofMillis(4010), s.get("DISCOVER-OFFER").max());
        assertEquals(0, meter.duplicates());
    }

    @Test
    void aReleaseEndsThePendingExchange() {
        meter.sent(2, "REQUEST-ACK", 5);
        clock.advance(Duration.ofMillis(3));
        meter.answered(2, "ACK", 5);
        meter.sent(2, "RENEW-ACK", 6);
        meter.sent(2, null, 9);                         // DHCPRELEASE: nothing awaited
        meter.answered(2, "ACK", 6);
        Map<String, LatencyStats> s = meter.snapshot();
        assertEquals(1, s.get("REQUEST-ACK").count());
        assertFalse(s.containsKey("RENEW-ACK"));
    }

    @Test
    void aSecondAnswerToOneTransmissionIsADuplicateButAnAnswerToARetransmissionIsNot() {
        meter.sent(3, "REQUEST-ACK", 5);
        meter.answered(3, "ACK", 5);
        meter.answered(3, "ACK", 5);                    // two servers answered one REQUEST
        meter.sent(3, "RENEW-ACK", 6);
        meter.sent(3, "RENEW-ACK", 6);                  // retransmitted
        meter.answered(3, "ACK", 6);
        meter.answered(3, "ACK", 6);                    // the answer to the retransmission
        assertEquals(1, meter.duplicates());
        assertEquals(1, meter.snapshot().get("RENEW-ACK").count());
    }

    @Test
    void aLateOfferDoesNotCompleteTheRequestThatSharesItsXid() {
        List<String> heard = new ArrayList<>();
        meter.listener(new ExchangeMeter.Listener() {
            @Override
            public void completed(String exchange, Duration latency) {
                heard.add(exchange);
            }

            @Override
            public void duplicate() {
                heard.add("duplicate");
            }
        });
        meter.sent(4, "DISCOVER-OFFER", 9);
        meter.answered(4, "OFFER", 9);
        meter.sent(4, "REQUEST-ACK", 9);                // RFC 2131 4.4.1: same xid as the DISCOVER
        meter.answered(4, "OFFER", 9);                  // a second server's OFFER, late
        meter.answered(4, "ACK", 9);
        assertEquals(List.of("DISCOVER-OFFER", "duplicate", "REQUEST-ACK"), heard);
    }

    @Test
    void restartHandsOverTheTotalsSoFarAndStartsAfresh() {
        meter.sent(5, "DISCOVER-OFFER", 1);
        meter.answered(5, "OFFER", 1);
        meter.answered(5, "OFFER", 1);
        Map<String, LatencyStats> before = meter.restart();
        assertEquals(1, before.get("DISCOVER-OFFER").count());
        assertEquals(0, meter.duplicates());
        assertEquals(Map.of(), meter.snapshot());
    }
}
