package org.dhcpcluster.protocol.v6;

import java.net.Inet6Address;
import java.util.List;
import java.util.Objects;

/**
 * RELAY-FORW or RELAY-REPL (RFC 8415 section 9): hop-count, link-address, peer-address,
 * the relay's options, and the message it relays, which the wire carries in the Relay
 * Message option (21.10). That message is a field here, never an entry of {@link #options()};
 * the encoder writes option 9 after the relay's other options, where dhcrelay, Kea and
 * perfdhcp all put it, so captures from them re-encode octet for octet.
 */
public record RelayMessage(DhcpV6MessageType type, int hopCount, Inet6Address linkAddress, Inet6Address peerAddress,
                           DhcpV6Options options, DhcpV6Message relayed, List<DroppedOption> droppedOptions)
        implements DhcpV6Message, OptionAccessors {

    /** RFC 8415 section 7.6: the hop-count at which a relay stops forwarding. */
    public static final int HOP_COUNT_LIMIT = 8;
    /**
     * The deepest nesting a conforming chain of relays can produce: a relay drops a
     * Relay-forward whose hop-count is already HOP_COUNT_LIMIT (section 19.1.2), so hop-counts
     * run 0..8, one per layer: nine layers.
     */
    public static final int MAX_DEPTH = HOP_COUNT_LIMIT + 1;

    public RelayMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(linkAddress, "linkAddress");
        Objects.requireNonNull(peerAddress, "peerAddress");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(relayed, "relayed");
        if (type.layout() != DhcpV6MessageType.Layout.RELAY) {
            throw new IllegalArgumentException(type + " is not RELAY-FORW or RELAY-REPL");
        }
        if (hopCount < 0 || hopCount > 255) {
            throw new IllegalArgumentException("hop-count is one octet: " + hopCount);
        }
        if (options.contains(DhcpV6OptionCode.RELAY_MSG)) {
            throw new IllegalArgumentException("the relayed message is the 'relayed' field; options must not hold option 9");
        }
        if (relayed.relayDepth() + 1 > MAX_DEPTH) {
            throw new IllegalArgumentException("relay messages nest at most " + MAX_DEPTH + " deep (RFC 8415 section 19.1.2)");
        }
        droppedOptions = List.copyOf(droppedOptions);
    }

    /** A layer without dropped options, as a relay agent or a server builds one. */
    public RelayMessage(DhcpV6MessageType type, int hopCount, Inet6Address linkAddress, Inet6Address peerAddress,
                        DhcpV6Options options, DhcpV6Message relayed) {
        this(type, hopCount, linkAddress, peerAddress, options, relayed, List.of());
    }

    @Override
    public int relayDepth() {
        return 1 + relayed.relayDepth();
    }

    /** The message at the bottom of the relay chain: what the client (or server) sent. */
    public DhcpV6Message innermost() {
        DhcpV6Message m = relayed;
        while (m instanceof RelayMessage r) {
            m = r.relayed;
        }
        return m;
    }

    @Override
    public String toString() {
        return type + "[hop=" + hopCount + " link=" + Ipv6.format(linkAddress) + " peer=" + Ipv6.format(peerAddress)
                + " options=" + options + (droppedOptions.isEmpty() ? "" : " dropped=" + droppedOptions)
                + " relayed=" + relayed + "]";
    }
}
