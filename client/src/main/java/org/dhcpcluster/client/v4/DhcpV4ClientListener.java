package org.dhcpcluster.client.v4;

import java.net.Inet4Address;
import org.dhcpcluster.protocol.v4.DhcpV4Message;

/**
 * What a DHCPv4 client tells its owner: a CLI prints it, a load generator counts it, an
 * interface configurator applies the address. Called on the scheduler's thread, after the
 * state has changed; every method has an empty default so owners implement what they use.
 */
public interface DhcpV4ClientListener {

    default void stateChanged(DhcpV4ClientState from, DhcpV4ClientState to) {
    }

    /** A new lease (from SELECTING/REQUESTING or INIT-REBOOT/REBOOTING): configure the address. */
    default void bound(DhcpV4Lease lease) {
    }

    /** A DHCPACK in RENEWING or REBINDING extended the lease. */
    default void renewed(DhcpV4Lease lease) {
    }

    /** The lease ran out without a DHCPACK: stop using the address (RFC 2131 section 4.4.5). */
    default void expired(DhcpV4Lease lease) {
    }

    /** A server refused the request; any lease in hand is gone and the client starts over. */
    default void nakReceived(DhcpV4Message nak) {
    }

    /** The conflict check found the offered address in use; the client sent DHCPDECLINE. */
    default void declined(Inet4Address address) {
    }

    /** The client sent DHCPRELEASE for this lease and stopped. */
    default void released(DhcpV4Lease lease) {
    }

    /** A listener that ignores everything. */
    DhcpV4ClientListener NONE = new DhcpV4ClientListener() { };
}
