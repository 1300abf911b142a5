package org.dhcpcluster.client.v6;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

/**
 * The bounds RFC 8415 section 15 puts on each retransmission timeout, checked on a sequence of
 * RTs (the gaps between transmissions of one exchange):
 * <ul>
 *   <li>first: IRT +/- 10% (strictly above IRT for SOLICIT, section 18.2.1);
 *   <li>later: 2*RTprev +/- 0.1*RTprev, and no more than MRT;
 *   <li>or, when 2*RTprev + RAND*RTprev could exceed MRT: MRT +/- 10%.
 * </ul>
 * A microsecond of slack absorbs rounding RTs to whole nanoseconds.
 */
final class Section15 {
    private static final double SLACK_NANOS = 1_000;

    private Section15() {
    }

    static void assertFollows(RetransmissionParameters p, List<Duration> rts) {
        double irt = p.irt().toNanos();
        double mrt = p.mrt().toNanos();
        for (int i = 0; i < rts.size(); i++) {
            double rt = rts.get(i).toNanos();
            String where = "RT #" + (i + 1) + " = " + rts.get(i) + " in " + rts;
            if (i == 0) {
                if (p.firstRtAboveIrt()) {
                    assertTrue(rt > irt && rt <= 1.1 * irt + SLACK_NANOS, where + ": first SOLICIT RT must be in (IRT, 1.1 IRT]");
                } else {
                    assertTrue(within(rt, 0.9 * irt, 1.1 * irt), where + ": first RT must be IRT +/- 10%");
                }
                continue;
            }
            double prev = rts.get(i - 1).toNanos();
            boolean grown = within(rt, 1.9 * prev, 2.1 * prev) && (mrt == 0 || rt <= mrt + SLACK_NANOS);
            boolean capped = mrt > 0 && 2.1 * prev > mrt && within(rt, 0.9 * mrt, 1.1 * mrt);
            assertTrue(grown || capped, where + ": must be 2*RTprev +/- 10% of RTprev, or MRT +/- 10% once past MRT");
        }
    }

    private static boolean within(double v, double low, double high) {
        return v >= low - SLACK_NANOS && v <= high + SLACK_NANOS;
    }
}
