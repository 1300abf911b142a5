package org.dhcpcluster.node.config;

import org.dhcpcluster.node.edge.admission.Admission;
import org.dhcpcluster.node.edge.admission.Rate;

/**
 * {@code dhcp.admission}: how much one relay (or one directly attached link) and one subnet may
 * ask of a node, and how many IAs one DHCPv6 message may carry.
 *
 * <pre>
 *   admission {
 *     per-source { rate = 500, burst = 2000 }   # messages a second; unlimited when absent
 *     per-subnet { rate = 1000, burst = 4000 }
 *     max-ias-per-message = 8
 *   }
 * </pre>
 *
 * Rates are off by default, as in ISC Kea: a limit too low for a real relay's renewal storm
 * drops the storm's first transmissions, so each operator sizes them to their relays.
 */
final class AdmissionReader {
    /** RFC 8415 sets no limit; clients send one IA of each type, CPEs a few IA_PDs. */
    static final int DEFAULT_MAX_IAS = 8;

    private AdmissionReader() {
    }

    static Admission.Settings read(Section admission) {
        admission.allowOnly("per-source", "per-subnet", "max-ias-per-message");
        return new Admission.Settings(rate(admission, "per-source"), rate(admission, "per-subnet"),
                admission.integer("max-ias-per-message", 1, 1000, DEFAULT_MAX_IAS));
    }

    private static Rate rate(Section admission, String name) {
        return admission.optionalSection(name).map(s -> {
            s.allowOnly("rate", "burst");
            int rate = s.integer("rate", 1, 1_000_000);
            // A second's worth by default: a relay's messages arrive in bunches, not evenly spaced.
            return new Rate(rate, s.integer("burst", 1, 10_000_000, rate));
        }).orElse(Rate.UNLIMITED);
    }
}
