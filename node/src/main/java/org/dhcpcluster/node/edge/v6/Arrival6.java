package org.dhcpcluster.node.edge.v6;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.lease.v6.space.Address128;

/**
 * Where a DHCPv6 datagram came from: its sender (a client's link-local address on port 546,
 * or a relay on 547) and, for a per-interface socket, the interface and its addresses, which
 * select the link of a directly attached client.
 */
public record Arrival6(InetSocketAddress sender, Optional<String> interfaceName, List<Address128> interfaceAddresses) {
    public Arrival6 {
        interfaceAddresses = List.copyOf(interfaceAddresses);
    }
}
