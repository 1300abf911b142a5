package org.dhcpcluster.node.edge.v6;

import java.util.HexFormat;
import java.util.Optional;
import org.dhcpcluster.lease.v6.policy.Policy6;
import org.dhcpcluster.lease.v6.policy.Subnet6;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.RelayChain;

/**
 * Which link a client is on (RFC 8415 section 13.1): for a relayed message, the link of the
 * relay nearest the client, by its Interface-ID where a subnet names one, else by its
 * link-address; for a direct one, the interface it arrived on.
 */
final class LinkSelector6 {
    private LinkSelector6() {
    }

    /** The Interface-ID (option 18, as hex) of the relay nearest the client, if it sent one. */
    static Optional<String> relayInterfaceId(RelayChain chain) {
        return chain.firstRelay().flatMap(hop -> hop.options().get(DhcpV6OptionCode.INTERFACE_ID))
                .map(id -> HexFormat.of().formatHex(id));
    }

    static Optional<Subnet6> select(RelayChain chain, Arrival6 arrival, Policy6 policy) {
        if (chain.isRelayed()) {
            Address128 link = chain.clientLinkAddress().map(Address128::of).orElse(Address128.ZERO);
            return policy.subnetForRelay(link, relayInterfaceId(chain));
        }
        return arrival.interfaceName().flatMap(name -> policy.subnetForInterface(name, arrival.interfaceAddresses()));
    }
}
