package org.dhcpcluster.node.edge.v4;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Where a datagram came from: the sender, and the node interface it arrived on when the edge
 * listens per interface (needed to place broadcasting clients that have no relay).
 */
public record Arrival(InetSocketAddress sender, Optional<String> interfaceName, List<Integer> interfaceAddresses) {

    public static Arrival relayOnly(InetSocketAddress sender) {
        return new Arrival(sender, Optional.empty(), List.of());
    }
}
