package org.dhcpcluster.protocol.v6;

import java.net.Inet6Address;
import java.util.Objects;

/**
 * What one relay added on the way to the server (RFC 8415 section 9.1): its hop-count, the
 * link-address naming the link it received the message on, the peer-address it received
 * it from, and its options (interface-id, remote-id, subscriber-id, client link-layer
 * address...), without the Relay Message option. Enough to build that relay's RELAY-REPL.
 */
public record RelayHop(int hopCount, Inet6Address linkAddress, Inet6Address peerAddress, DhcpV6Options options)
        implements OptionAccessors {

    public RelayHop {
        Objects.requireNonNull(linkAddress, "linkAddress");
        Objects.requireNonNull(peerAddress, "peerAddress");
        Objects.requireNonNull(options, "options");
    }

    static RelayHop of(RelayMessage layer) {
        return new RelayHop(layer.hopCount(), layer.linkAddress(), layer.peerAddress(), layer.options());
    }

    @Override
    public String toString() {
        return "RelayHop[hop=" + hopCount + " link=" + Ipv6.format(linkAddress) + " peer=" + Ipv6.format(peerAddress)
                + " options=" + options + "]";
    }
}
