package org.dhcpcluster.protocol.v6;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A received message taken apart into the relays it passed and the message at its core,
 * and the way back: pure functions, so the server's v6 edge can unwrap, hand the innermost
 * message to the lease logic, and wrap the answer without any state of its own.
 *
 * @param hops the relays, outermost (nearest the server) first, as they are nested on the wire
 * @param innermost what the client sent (or, for a message sent directly, the message itself)
 */
public record RelayChain(List<RelayHop> hops, DhcpV6Message innermost) {

    public RelayChain {
        hops = List.copyOf(hops);
        Objects.requireNonNull(innermost, "innermost");
        if (innermost instanceof RelayMessage) {
            throw new IllegalArgumentException("the innermost message of a chain is not a relay message");
        }
        if (hops.size() > RelayMessage.MAX_DEPTH) {
            throw new IllegalArgumentException("relay messages nest at most " + RelayMessage.MAX_DEPTH + " deep");
        }
    }

    /** Peels every relay layer off {@code received}; a message that was not relayed gives an empty chain. */
    public static RelayChain unwrap(DhcpV6Message received) {
        List<RelayHop> hops = new ArrayList<>();
        DhcpV6Message m = received;
        while (m instanceof RelayMessage layer) {
            hops.add(RelayHop.of(layer));
            m = layer.relayed();
        }
        return new RelayChain(hops, m);
    }

    public boolean isRelayed() {
        return !hops.isEmpty();
    }

    /** The relay that received the message from the client: the innermost layer. */
    public Optional<RelayHop> firstRelay() {
        return hops.isEmpty() ? Optional.empty() : Optional.of(hops.get(hops.size() - 1));
    }

    /**
     * The address that identifies the client's link: the link-address of the relay nearest
     * the client, or of the next one out when a relay left it unspecified (RFC 8415 section
     * 19.1.1 lets a relay send "::" when its Interface-ID option identifies the link instead).
     * Empty for a message that was not relayed: then the receiving interface is the link.
     */
    public Optional<Inet6Address> clientLinkAddress() {
        for (int i = hops.size() - 1; i >= 0; i--) {
            Inet6Address a = hops.get(i).linkAddress();
            if (!a.equals(Ipv6.UNSPECIFIED)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * Wraps a reply to {@link #innermost()} for the way back: one RELAY-REPL per hop, each with
     * the hop-count, link-address and peer-address of the matching Relay-forward, and that
     * relay's Interface-ID option echoed unchanged (RFC 8415 sections 19.3 and 21.18), so every
     * relay finds the interface to send it down. A chain with no hops returns the reply itself.
     */
    public DhcpV6Message wrap(DhcpV6Message reply) {
        Objects.requireNonNull(reply, "reply");
        DhcpV6Message out = reply;
        for (int i = hops.size() - 1; i >= 0; i--) {
            RelayHop hop = hops.get(i);
            DhcpV6Options echoed = hop.options().option(DhcpV6OptionCode.INTERFACE_ID)
                    .map(DhcpV6Options::of).orElse(DhcpV6Options.empty());
            out = new RelayMessage(DhcpV6MessageType.RELAY_REPL, hop.hopCount(), hop.linkAddress(), hop.peerAddress(),
                    echoed, out);
        }
        return out;
    }
}
