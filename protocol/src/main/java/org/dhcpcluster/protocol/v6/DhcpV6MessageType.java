package org.dhcpcluster.protocol.v6;

/**
 * The msg-type octet of a DHCPv6 message (RFC 8415 section 7.3, RFC 7341 section 6 for
 * the DHCPv4-over-DHCPv6 pair). An open value type: an unknown code yields an instance
 * that keeps its number, so the server can count and drop it by name instead of failing
 * to represent it.
 *
 * <p>The type also decides the header layout (RFC 8415 sections 8 and 9, RFC 7341
 * section 6): see {@link #layout()}.
 */
public record DhcpV6MessageType(int code, String name) {
    public static final DhcpV6MessageType SOLICIT = new DhcpV6MessageType(1, "SOLICIT");
    public static final DhcpV6MessageType ADVERTISE = new DhcpV6MessageType(2, "ADVERTISE");
    public static final DhcpV6MessageType REQUEST = new DhcpV6MessageType(3, "REQUEST");
    public static final DhcpV6MessageType CONFIRM = new DhcpV6MessageType(4, "CONFIRM");
    public static final DhcpV6MessageType RENEW = new DhcpV6MessageType(5, "RENEW");
    public static final DhcpV6MessageType REBIND = new DhcpV6MessageType(6, "REBIND");
    public static final DhcpV6MessageType REPLY = new DhcpV6MessageType(7, "REPLY");
    public static final DhcpV6MessageType RELEASE = new DhcpV6MessageType(8, "RELEASE");
    public static final DhcpV6MessageType DECLINE = new DhcpV6MessageType(9, "DECLINE");
    public static final DhcpV6MessageType RECONFIGURE = new DhcpV6MessageType(10, "RECONFIGURE");
    public static final DhcpV6MessageType INFORMATION_REQUEST = new DhcpV6MessageType(11, "INFORMATION-REQUEST");
    public static final DhcpV6MessageType RELAY_FORW = new DhcpV6MessageType(12, "RELAY-FORW");
    public static final DhcpV6MessageType RELAY_REPL = new DhcpV6MessageType(13, "RELAY-REPL");
    public static final DhcpV6MessageType DHCPV4_QUERY = new DhcpV6MessageType(20, "DHCPV4-QUERY");
    public static final DhcpV6MessageType DHCPV4_RESPONSE = new DhcpV6MessageType(21, "DHCPV4-RESPONSE");

    private static final DhcpV6MessageType[] KNOWN = new DhcpV6MessageType[22];

    static {
        for (DhcpV6MessageType t : new DhcpV6MessageType[] {
            SOLICIT, ADVERTISE, REQUEST, CONFIRM, RENEW, REBIND, REPLY, RELEASE, DECLINE, RECONFIGURE,
            INFORMATION_REQUEST, RELAY_FORW, RELAY_REPL, DHCPV4_QUERY, DHCPV4_RESPONSE}) {
            KNOWN[t.code] = t;
        }
    }

    /** The three header layouts a known type can have, and the unknown case. */
    public enum Layout {
        /** msg-type, 3-octet transaction-id, options (RFC 8415 section 8). */
        CLIENT_SERVER,
        /** msg-type, hop-count, link-address, peer-address, options (RFC 8415 section 9). */
        RELAY,
        /** msg-type, 3-octet flags, options (RFC 7341 section 6). */
        DHCP4O6,
        /** A type this codec does not know: the rest of the message is kept as raw octets. */
        UNKNOWN
    }

    public DhcpV6MessageType {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("message type is one octet: " + code);
        }
    }

    /** The constant for a known code, or a new instance named "UNKNOWN(n)" for any other octet. */
    public static DhcpV6MessageType valueOf(int code) {
        if (code >= 0 && code < KNOWN.length && KNOWN[code] != null) {
            return KNOWN[code];
        }
        return new DhcpV6MessageType(code, "UNKNOWN(" + code + ")");
    }

    public boolean isKnown() {
        return code < KNOWN.length && KNOWN[code] != null && KNOWN[code].equals(this);
    }

    public Layout layout() {
        if (!isKnown()) {
            return Layout.UNKNOWN;
        }
        if (code == 12 || code == 13) {
            return Layout.RELAY;
        }
        return code == 20 || code == 21 ? Layout.DHCP4O6 : Layout.CLIENT_SERVER;
    }

    /** Whether a client sends this type to servers (RFC 8415 section 7.3, RFC 7341 section 6.1). */
    public boolean isFromClient() {
        return switch (code) {
            case 1, 3, 4, 5, 6, 8, 9, 11, 20 -> isKnown();
            default -> false;
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
