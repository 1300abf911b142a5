package org.dhcpcluster.node.config;

import java.time.Duration;
import org.dhcpcluster.lease.partition.FloodLimits;

/**
 * Reads the flood limits of {@code dhcp.v4} or {@code dhcp.v6} (the same keys in both): how much
 * of a partition offers may hold and DECLINEs may quarantine. Defaults: {@link FloodLimits#DEFAULTS}.
 */
final class FloodLimitsReader {
    private FloodLimitsReader() {
    }

    static FloodLimits read(Section s) {
        FloodLimits d = FloodLimits.DEFAULTS;
        // 100 % holds every free address for offers, as before these limits; 0 would hold none,
        // and a REQUEST following its offer within milliseconds needs no hold: allowed from 1.
        int holdShare = s.integer("offer-hold-share-percent", 1, 100, d.offerHoldShare());
        int perClient = s.integer("decline-limit-per-client", 0, 1_000_000, d.declinesPerClient());
        Duration window = s.duration("decline-limit-window", d.declineWindow());
        if (window.isZero()) {
            throw s.error("decline-limit-window", "must be longer than zero (the time over which a client's DECLINEs are counted)");
        }
        int quarantineShare = s.integer("decline-quarantine-share-percent", 0, 100, d.quarantineShare());
        return new FloodLimits(holdShare, perClient, window, quarantineShare);
    }
}
