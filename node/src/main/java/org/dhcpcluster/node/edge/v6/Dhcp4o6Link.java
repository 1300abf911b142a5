package org.dhcpcluster.node.edge.v6;

import java.util.Optional;
import org.dhcpcluster.lease.v6.space.Address128;

/**
 * Which DHCPv4 subnet serves DHCPv4-over-DHCPv6 clients (RFC 7341) on a given IPv6 link, as
 * Kea's 4o6-subnet / 4o6-interface / 4o6-interface-id do: a 4o6 client has no IPv4 link of
 * its own, so its v4 subnet is chosen by where its DHCPV4-QUERY came from.
 *
 * @param v4SubnetId the DHCPv4 subnet that hands out the addresses
 * @param v6Prefix the IPv6 link (relay link-address or receiving interface address inside it)
 * @param interfaceName the node interface a direct query arrives on
 * @param interfaceIdHex the relay Interface-ID (option 18) naming the link
 */
public record Dhcp4o6Link(int v4SubnetId, Optional<Address128> v6Prefix, int v6PrefixLength, Optional<String> interfaceName,
                          Optional<String> interfaceIdHex) {
}
