package org.dhcpcluster.node.edge.v6;

import java.util.List;
import java.util.Optional;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.protocol.v6.RelayChain;

/**
 * Picks the DHCPv4 subnet of a DHCPV4-QUERY from the IPv6 link it came from: a relayed query
 * by its nearest relay's Interface-ID, then its link-address; a direct one by the receiving
 * interface, then that interface's addresses.
 */
public record Dhcp4o6Links(List<Dhcp4o6Link> links) {

    public Dhcp4o6Links {
        links = List.copyOf(links);
    }

    public static Dhcp4o6Links none() {
        return new Dhcp4o6Links(List.of());
    }

    Optional<Integer> v4SubnetFor(RelayChain chain, Arrival6 arrival) {
        if (chain.isRelayed()) {
            Optional<String> interfaceId = LinkSelector6.relayInterfaceId(chain);
            if (interfaceId.isPresent()) {
                for (Dhcp4o6Link l : links) {
                    if (l.interfaceIdHex().equals(interfaceId)) {
                        return Optional.of(l.v4SubnetId());
                    }
                }
            }
            return chain.clientLinkAddress().map(Address128::of).flatMap(this::byAddress);
        }
        for (Dhcp4o6Link l : links) {
            if (l.interfaceName().isPresent() && l.interfaceName().equals(arrival.interfaceName())) {
                return Optional.of(l.v4SubnetId());
            }
        }
        for (Address128 a : arrival.interfaceAddresses()) {
            Optional<Integer> s = byAddress(a);
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    private Optional<Integer> byAddress(Address128 a) {
        for (Dhcp4o6Link l : links) {
            if (l.v6Prefix().filter(p -> a.isIn(p, l.v6PrefixLength())).isPresent()) {
                return Optional.of(l.v4SubnetId());
            }
        }
        return Optional.empty();
    }
}
