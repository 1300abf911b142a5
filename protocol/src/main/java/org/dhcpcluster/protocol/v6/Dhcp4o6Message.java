package org.dhcpcluster.protocol.v6;

import java.util.List;
import java.util.Objects;

/**
 * DHCPV4-QUERY or DHCPV4-RESPONSE (RFC 7341 section 6): msg-type, then 24 bits of flags
 * where other messages have a transaction-id (the DHCPv4 message inside has its own xid),
 * then options, of which the DHCPv4 Message option (87) carries the whole DHCPv4 message.
 */
public record Dhcp4o6Message(DhcpV6MessageType type, int flags, DhcpV6Options options,
                             List<DroppedOption> droppedOptions) implements DhcpV6Message, OptionAccessors {
    /**
     * RFC 7341 section 6.1: the U flag, the most significant bit of a DHCPV4-QUERY's flags,
     * set when the client would send the DHCPv4 message by unicast over IPv4.
     */
    public static final int FLAG_UNICAST = 0x80_0000;
    public static final int MAX_FLAGS = 0xFF_FFFF;

    public Dhcp4o6Message {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(options, "options");
        if (type.layout() != DhcpV6MessageType.Layout.DHCP4O6) {
            throw new IllegalArgumentException(type + " is not DHCPV4-QUERY or DHCPV4-RESPONSE (RFC 7341 section 6)");
        }
        if (flags < 0 || flags > MAX_FLAGS) {
            throw new IllegalArgumentException("flags are 24 bits: 0x" + Integer.toHexString(flags));
        }
        droppedOptions = List.copyOf(droppedOptions);
    }

    /** A DHCPV4-QUERY carrying {@code dhcpV4} (raw DHCPv4 octets), with the U flag as given. */
    public static Dhcp4o6Message query(byte[] dhcpV4, boolean unicast) {
        return new Dhcp4o6Message(DhcpV6MessageType.DHCPV4_QUERY, unicast ? FLAG_UNICAST : 0,
                DhcpV6Options.of(new DhcpV6Option(DhcpV6OptionCode.DHCPV4_MSG, dhcpV4)), List.of());
    }

    /** A DHCPV4-RESPONSE carrying {@code dhcpV4}; its flags are all zero (RFC 7341 section 6.2 defines none). */
    public static Dhcp4o6Message response(byte[] dhcpV4) {
        return new Dhcp4o6Message(DhcpV6MessageType.DHCPV4_RESPONSE, 0,
                DhcpV6Options.of(new DhcpV6Option(DhcpV6OptionCode.DHCPV4_MSG, dhcpV4)), List.of());
    }

    public boolean unicastFlag() {
        return (flags & FLAG_UNICAST) != 0;
    }

    @Override
    public String toString() {
        return type + "[flags=0x" + Integer.toHexString(flags) + " options=" + options
                + (droppedOptions.isEmpty() ? "" : " dropped=" + droppedOptions) + "]";
    }
}
