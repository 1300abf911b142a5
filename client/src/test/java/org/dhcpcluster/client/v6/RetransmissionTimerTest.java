package org.dhcpcluster.client.v6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 8415 section 15 RT sequences for every message type, over many seeds. */
class RetransmissionTimerTest {
    private static final Map<String, RetransmissionParameters> ALL = Map.of(
            "SOLICIT", RetransmissionParameters.solicit(TransmissionConstants.SOL_MAX_RT),
            "REQUEST", RetransmissionParameters.request(),
            "CONFIRM", RetransmissionParameters.confirm(),
            "RENEW", RetransmissionParameters.renew(),
            "REBIND", RetransmissionParameters.rebind(),
            "INFORMATION-REQUEST", RetransmissionParameters.informationRequest(TransmissionConstants.INF_MAX_RT),
            "RELEASE", RetransmissionParameters.release());

    private static List<Duration> sequence(RetransmissionParameters p, long seed, int n) {
        RetransmissionTimer timer = new RetransmissionTimer(p, new Random(seed));
        List<Duration> rts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rts.add(timer.next());
        }
        return rts;
    }

    @Test
    void everyRtOfEveryMessageTypeLiesWithinSection15Bounds() {
        ALL.forEach((name, p) -> {
            for (long seed = 0; seed < 300; seed++) {
                Section15.assertFollows(p, sequence(p, seed, 25));
            }
        });
    }

    @Test
    void rtsGrowUntilMrtThenStayAroundIt() {
        RetransmissionParameters p = RetransmissionParameters.request();       // IRT 1 s, MRT 30 s
        List<Duration> rts = sequence(p, 1, 12);
        for (Duration rt : rts.subList(6, 12)) {
            assertTrue(rt.compareTo(Duration.ofMillis(27_000)) >= 0 && rt.compareTo(Duration.ofMillis(33_000)) <= 0,
                    "past MRT every RT is MRT +/- 10%: " + rts);
        }
    }

    @Test
    void withoutMrtRtsKeepDoubling() {
        List<Duration> rts = sequence(RetransmissionParameters.release(), 3, 8);    // REL: MRT 0
        assertTrue(rts.get(7).compareTo(Duration.ofSeconds(100)) > 0, "1.9^7 s at least: " + rts);
    }

    @Test
    void theFirstSolicitRtIsStrictlyAboveIrtEvenForTheSmallestRandom() {
        RetransmissionParameters p = RetransmissionParameters.solicit(TransmissionConstants.SOL_MAX_RT);
        Random zero = new Random() {
            @Override
            public double nextDouble() {
                return 0.0;                       // the lowest value Random can return
            }
        };
        Random almostOne = new Random() {
            @Override
            public double nextDouble() {
                return Math.nextDown(1.0);        // the highest
            }
        };
        assertEquals(Duration.ofMillis(1100), new RetransmissionTimer(p, zero).next());
        assertTrue(new RetransmissionTimer(p, almostOne).next().compareTo(Duration.ofSeconds(1)) > 0);
    }

    @Test
    void aSeedRepeatsItsSequence() {
        RetransmissionParameters p = RetransmissionParameters.renew();
        assertEquals(sequence(p, 42, 10), sequence(p, 42, 10));
    }
}
