package org.dhcpcluster.client.v6;

/**
 * Where a DHCPv6 client stands. RFC 8415 draws no state diagram; these are the exchanges of
 * section 18.2 that the client can be in, plus the two resting states.
 */
public enum DhcpV6ClientState {
    /** Holds no running lease and sends nothing until started. */
    STOPPED,
    /** SOLICIT sent; collecting ADVERTISEs during the first RT (section 18.2.1). */
    SOLICITING,
    /** REQUEST sent to the chosen server (section 18.2.2), or for IAs a RENEW/REBIND reply said had NoBinding. */
    REQUESTING,
    /** Holding leases; waiting for T1. */
    BOUND,
    /** Past T1: RENEW to the server that granted the leases (section 18.2.4). */
    RENEWING,
    /** Past T2: REBIND to any server (section 18.2.5). */
    REBINDING,
    /** After a link change: CONFIRM that the addresses still belong on this link (section 18.2.3). */
    CONFIRMING,
    /** RELEASE sent; the leases are already given up (section 18.2.7). */
    RELEASING,
    /** Stateless: INFORMATION-REQUEST sent (section 18.2.6). */
    INFORMATION_REQUESTING,
    /** Stateless: configuration received; waiting for the information refresh time. */
    INFORMED
}
