package org.dhcpcluster.protocol.v6;

import java.util.List;

/**
 * One DHCPv6 UDP payload, as a plain immutable value. The message type decides the header
 * layout ({@link DhcpV6MessageType#layout()}), so there is one record per layout:
 * <ul>
 *   <li>{@link ClientServerMessage}: RFC 8415 section 8, types 1 to 11;
 *   <li>{@link RelayMessage}: RFC 8415 section 9, RELAY-FORW and RELAY-REPL, carrying another
 *       message in its Relay Message option;
 *   <li>{@link Dhcp4o6Message}: RFC 7341 section 6, DHCPV4-QUERY and DHCPV4-RESPONSE;
 *   <li>{@link UnknownMessage}: any other type, kept as octets so it can be counted and dropped.
 * </ul>
 */
public sealed interface DhcpV6Message permits ClientServerMessage, RelayMessage, Dhcp4o6Message, UnknownMessage {

    DhcpV6MessageType type();

    /** Options of this layer that were malformed and left out (a relayed message has its own list). */
    List<DroppedOption> droppedOptions();

    /** How many relay layers wrap the innermost message (0 for a message sent directly). */
    default int relayDepth() {
        return 0;
    }
}
