package org.dhcpcluster.lease.v4.policy;

import java.util.OptionalLong;

/**
 * Lease lifetime and renewal timers of a subnet, in seconds. A client may ask for a lease
 * time (option 51); it is granted within [min, max] (RFC 2131 section 4.3.1: the server
 * may honour or override the request).
 *
 * @param renewal T1, option 58 (RFC 2131 section 4.4.5 default 0.5 x lease)
 * @param rebinding T2, option 59 (default 0.875 x lease)
 */
public record LeaseTimes(long lease, long min, long max, long renewal, long rebinding) {

    public LeaseTimes {
        if (lease <= 0 || min <= 0 || max <= 0) {
            throw new IllegalArgumentException("lease times must be positive");
        }
        if (min > lease || lease > max) {
            throw new IllegalArgumentException("need min-lease-time <= lease-time <= max-lease-time, have "
                    + min + " <= " + lease + " <= " + max);
        }
        if (renewal <= 0 || renewal >= rebinding || rebinding >= lease) {
            throw new IllegalArgumentException("need 0 < renewal-time (T1) < rebinding-time (T2) < lease-time, have T1="
                    + renewal + " T2=" + rebinding + " lease=" + lease);
        }
    }

    /** The RFC 2131 defaults for T1 and T2 derived from one lease time. */
    public static LeaseTimes of(long lease) {
        return new LeaseTimes(lease, lease, lease, lease / 2, lease * 7 / 8);
    }

    /** The lease time granted to a client that asked for {@code requested} seconds (if it asked). */
    public long grant(OptionalLong requested) {
        if (requested.isEmpty()) {
            return lease;
        }
        return Math.max(min, Math.min(max, requested.getAsLong()));
    }

    /** T1 for a granted lease: scaled down when the grant is shorter than the configured lease. */
    public long renewalFor(long granted) {
        return granted == lease ? renewal : Math.max(1, granted * renewal / lease);
    }

    public long rebindingFor(long granted) {
        return granted == lease ? rebinding : Math.max(2, granted * rebinding / lease);
    }
}
