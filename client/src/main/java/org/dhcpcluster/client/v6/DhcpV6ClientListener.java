package org.dhcpcluster.client.v6;

import org.dhcpcluster.protocol.v6.ClientServerMessage;

/**
 * What a DHCPv6 client tells its owner. Called on the scheduler's thread after the state has
 * changed; every method has an empty default.
 */
public interface DhcpV6ClientListener {

    default void stateChanged(DhcpV6ClientState from, DhcpV6ClientState to) {
    }

    /** Leases obtained by SOLICIT/REQUEST (or a rapid-commit REPLY): configure them. */
    default void bound(DhcpV6Lease lease) {
    }

    /** A REPLY to RENEW, REBIND or a follow-up REQUEST updated the leases; also after a successful CONFIRM. */
    default void renewed(DhcpV6Lease lease) {
    }

    /** Every valid lifetime ran out without a REPLY: stop using the addresses and prefixes. */
    default void expired(DhcpV6Lease lease) {
    }

    /** CONFIRM was answered NotOnLink: the addresses do not belong on this link; the client solicits anew. */
    default void notOnLink(DhcpV6Lease lease) {
    }

    /** The client gave these leases up and began RELEASE: stop using them now (section 18.2.7). */
    default void released(DhcpV6Lease lease) {
    }

    /** A REPLY to INFORMATION-REQUEST: the stateless configuration (DNS servers, domain list ...). */
    default void informed(ClientServerMessage reply) {
    }

    DhcpV6ClientListener NONE = new DhcpV6ClientListener() { };
}
