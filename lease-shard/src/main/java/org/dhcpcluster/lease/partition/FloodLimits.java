package org.dhcpcluster.lease.partition;

import java.time.Duration;

/**
 * How much of a partition clients that never finish an exchange may tie up: the flood
 * resistance of issue 12. One DISCOVER (SOLICIT) costs a sender nothing but holds an item for
 * the offer-hold window, and one DISCOVER + DECLINE pair quarantines an item for the
 * decline-quarantine time, so without bounds a few messages a second from random hardware
 * addresses keep a pool empty.
 *
 * @param offerHoldShare percent (1-100) of a partition's free pool items that offers may hold at
 *     once; beyond it offers are still made, without a hold ({@link OfferShare}). 100 is the
 *     behaviour before these limits.
 * @param declinesPerClient DECLINEs honoured per holder key within {@code declineWindow}
 *     ({@link DeclineLimits}); 0 honours none
 * @param declineWindow the window of {@code declinesPerClient}
 * @param quarantineShare percent (0-100) of a partition's pool items that may be quarantined at
 *     once after DECLINEs
 */
public record FloodLimits(int offerHoldShare, int declinesPerClient, Duration declineWindow, int quarantineShare) {

    /** Half the free items for offers, 3 DECLINEs per client per hour, a tenth of the pool quarantined. */
    public static final FloodLimits DEFAULTS = new FloodLimits(50, 3, Duration.ofHours(1), 10);

    public FloodLimits {
        if (offerHoldShare < 1 || offerHoldShare > 100) {
            throw new IllegalArgumentException("offer hold share " + offerHoldShare + "% is outside 1-100%");
        }
        if (declinesPerClient < 0) {
            throw new IllegalArgumentException("declines per client " + declinesPerClient + " is negative");
        }
        if (declineWindow.isNegative() || declineWindow.isZero()) {
            throw new IllegalArgumentException("decline window " + declineWindow + " must be longer than zero");
        }
        if (quarantineShare < 0 || quarantineShare > 100) {
            throw new IllegalArgumentException("quarantine share " + quarantineShare + "% is outside 0-100%");
        }
    }
}
