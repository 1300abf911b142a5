package org.dhcpcluster.client.v4;

/**
 * The client states of RFC 2131 section 4.4, figure 5, plus {@link #STOPPED}.
 */
public enum DhcpV4ClientState {
    /**
     * Not in figure 5: the client holds no running lease and sends nothing until started.
     * Where a new client begins, and where RELEASE and {@code stop()} leave it.
     */
    STOPPED,
    /** No lease; about to broadcast DHCPDISCOVER (after a NAK or DECLINE, waiting a little first). */
    INIT,
    /** DHCPDISCOVER sent; waiting for (or collecting) DHCPOFFERs. */
    SELECTING,
    /** An offer chosen; DHCPREQUEST broadcast with its server identifier; waiting for DHCPACK/DHCPNAK. */
    REQUESTING,
    /** Holding a lease; waiting for T1. */
    BOUND,
    /** Past T1: DHCPREQUEST unicast to the server that granted the lease. */
    RENEWING,
    /** Past T2: DHCPREQUEST broadcast to any server. */
    REBINDING,
    /** Starting with a remembered lease; about to broadcast DHCPREQUEST for it. */
    INIT_REBOOT,
    /** DHCPREQUEST for the remembered address sent; waiting for DHCPACK/DHCPNAK. */
    REBOOTING
}
