package org.dhcpcluster.lease.v6.policy;

/**
 * What a subnet grants, in seconds (RFC 8415 section 7.7 and 21.4): addresses and prefixes
 * are preferred for {@code preferred} and valid for {@code valid}; the client renews at
 * {@code t1} and rebinds at {@code t2}.
 */
public record Lifetimes6(long preferred, long valid, long t1, long t2) {

    public Lifetimes6 {
        if (preferred <= 0 || valid <= 0) {
            throw new IllegalArgumentException("lifetimes must be positive");
        }
        if (preferred > valid) {
            throw new IllegalArgumentException("preferred lifetime " + preferred + " exceeds valid lifetime " + valid);
        }
        if (t1 < 0 || t2 < 0 || (t1 > 0 && t2 > 0 && t1 > t2)) {
            throw new IllegalArgumentException("T1 " + t1 + " must not exceed T2 " + t2);
        }
        if (t2 > preferred) {
            throw new IllegalArgumentException("T2 " + t2 + " exceeds the preferred lifetime " + preferred
                    + " (clients would let addresses deprecate before rebinding)");
        }
    }

    /** T1 and T2 at the conventional 0.5 and 0.8 of the preferred lifetime (RFC 8415 section 21.4). */
    public static Lifetimes6 withDefaultTimers(long preferred, long valid) {
        return new Lifetimes6(preferred, valid, preferred / 2, preferred * 4 / 5);
    }
}
