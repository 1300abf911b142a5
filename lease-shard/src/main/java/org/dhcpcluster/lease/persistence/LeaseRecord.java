package org.dhcpcluster.lease.persistence;

/** One address's (or delegated prefix's) record as the lease API shows it, whatever the protocol. */
public interface LeaseRecord {
    /** The address, or prefix/length for a delegated prefix. */
    String addressText();

    /** The lease that holds or last held it (a v4 client key, or a v6 IA key). */
    String clientKey();

    /** bound, released, expired or declined. */
    String state();

    /** Epoch ms when the binding (or a decline's quarantine) ends or ended. */
    long expiresAt();
}
