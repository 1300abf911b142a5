package org.dhcpcluster.client.v6;

import static org.dhcpcluster.client.v6.TransmissionConstants.CNF_MAX_DELAY;
import static org.dhcpcluster.client.v6.TransmissionConstants.CNF_MAX_RD;
import static org.dhcpcluster.client.v6.TransmissionConstants.CNF_MAX_RT;
import static org.dhcpcluster.client.v6.TransmissionConstants.CNF_TIMEOUT;
import static org.dhcpcluster.client.v6.TransmissionConstants.INF_MAX_DELAY;
import static org.dhcpcluster.client.v6.TransmissionConstants.INF_TIMEOUT;
import static org.dhcpcluster.client.v6.TransmissionConstants.REB_MAX_RT;
import static org.dhcpcluster.client.v6.TransmissionConstants.REB_TIMEOUT;
import static org.dhcpcluster.client.v6.TransmissionConstants.REL_MAX_RC;
import static org.dhcpcluster.client.v6.TransmissionConstants.REL_TIMEOUT;
import static org.dhcpcluster.client.v6.TransmissionConstants.REN_MAX_RT;
import static org.dhcpcluster.client.v6.TransmissionConstants.REN_TIMEOUT;
import static org.dhcpcluster.client.v6.TransmissionConstants.REQ_MAX_RC;
import static org.dhcpcluster.client.v6.TransmissionConstants.REQ_MAX_RT;
import static org.dhcpcluster.client.v6.TransmissionConstants.REQ_TIMEOUT;
import static org.dhcpcluster.client.v6.TransmissionConstants.SOL_TIMEOUT;

import java.time.Duration;

/**
 * How one kind of client message is retransmitted (RFC 8415 section 15): initial and
 * maximum retransmission time (IRT, MRT), maximum count and duration (MRC, MRD; zero means
 * no limit), plus the random delay allowed before the first transmission and whether the
 * first RT must exceed IRT (SOLICIT, section 18.2.1). RENEW and REBIND have an MRD that is not
 * a constant (the time left until T2 or until the leases expire): the exchange gets it as a
 * deadline instead.
 */
public record RetransmissionParameters(Duration maxInitialDelay, Duration irt, Duration mrt, int mrc, Duration mrd,
                                       boolean firstRtAboveIrt) {

    public RetransmissionParameters {
        if (maxInitialDelay.isNegative() || irt.isNegative() || irt.isZero() || mrt.isNegative() || mrc < 0 || mrd.isNegative()) {
            throw new IllegalArgumentException("retransmission parameters cannot be negative, and IRT must be positive");
        }
    }

    /** Section 18.2.1: SOL_TIMEOUT, a server-adjustable SOL_MAX_RT, no count or duration limit; first RT above IRT. */
    public static RetransmissionParameters solicit(Duration solMaxRt) {
        return new RetransmissionParameters(Duration.ZERO, SOL_TIMEOUT, solMaxRt, 0, Duration.ZERO, true);
    }

    /** Section 18.2.2. */
    public static RetransmissionParameters request() {
        return new RetransmissionParameters(Duration.ZERO, REQ_TIMEOUT, REQ_MAX_RT, REQ_MAX_RC, Duration.ZERO, false);
    }

    /** Section 18.2.3: up to CNF_MAX_DELAY before the first, and ten seconds in all. */
    public static RetransmissionParameters confirm() {
        return new RetransmissionParameters(CNF_MAX_DELAY, CNF_TIMEOUT, CNF_MAX_RT, 0, CNF_MAX_RD, false);
    }

    /** Section 18.2.4: MRD is the time left until T2, given to the exchange as a deadline. */
    public static RetransmissionParameters renew() {
        return new RetransmissionParameters(Duration.ZERO, REN_TIMEOUT, REN_MAX_RT, 0, Duration.ZERO, false);
    }

    /** Section 18.2.5: MRD is the time left until every lease's valid lifetime ends, given as a deadline. */
    public static RetransmissionParameters rebind() {
        return new RetransmissionParameters(Duration.ZERO, REB_TIMEOUT, REB_MAX_RT, 0, Duration.ZERO, false);
    }

    /** Section 18.2.6: up to INF_MAX_DELAY before the first; a server-adjustable INF_MAX_RT. */
    public static RetransmissionParameters informationRequest(Duration infMaxRt) {
        return new RetransmissionParameters(INF_MAX_DELAY, INF_TIMEOUT, infMaxRt, 0, Duration.ZERO, false);
    }

    /** Section 18.2.7: no MRT, four transmissions at most. */
    public static RetransmissionParameters release() {
        return new RetransmissionParameters(Duration.ZERO, REL_TIMEOUT, Duration.ZERO, REL_MAX_RC, Duration.ZERO, false);
    }
}
