package org.dhcpcluster.protocol.v4;

/**
 * Option 53 values (RFC 2132 section 9.6, RFC 4388 and RFC 6926 for the lease-query
 * types). An open value type: an unknown code yields an instance that keeps its number,
 * so the server can count and drop it by name instead of failing to represent it.
 */
public record DhcpMessageType(int code, String name) {
    public static final DhcpMessageType DISCOVER = new DhcpMessageType(1, "DHCPDISCOVER");
    public static final DhcpMessageType OFFER = new DhcpMessageType(2, "DHCPOFFER");
    public static final DhcpMessageType REQUEST = new DhcpMessageType(3, "DHCPREQUEST");
    public static final DhcpMessageType DECLINE = new DhcpMessageType(4, "DHCPDECLINE");
    public static final DhcpMessageType ACK = new DhcpMessageType(5, "DHCPACK");
    public static final DhcpMessageType NAK = new DhcpMessageType(6, "DHCPNAK");
    public static final DhcpMessageType RELEASE = new DhcpMessageType(7, "DHCPRELEASE");
    public static final DhcpMessageType INFORM = new DhcpMessageType(8, "DHCPINFORM");
    public static final DhcpMessageType FORCERENEW = new DhcpMessageType(9, "DHCPFORCERENEW");
    public static final DhcpMessageType LEASEQUERY = new DhcpMessageType(10, "DHCPLEASEQUERY");
    public static final DhcpMessageType LEASEUNASSIGNED = new DhcpMessageType(11, "DHCPLEASEUNASSIGNED");
    public static final DhcpMessageType LEASEUNKNOWN = new DhcpMessageType(12, "DHCPLEASEUNKNOWN");
    public static final DhcpMessageType LEASEACTIVE = new DhcpMessageType(13, "DHCPLEASEACTIVE");

    private static final DhcpMessageType[] KNOWN = {
        null, DISCOVER, OFFER, REQUEST, DECLINE, ACK, NAK, RELEASE, INFORM, FORCERENEW,
        LEASEQUERY, LEASEUNASSIGNED, LEASEUNKNOWN, LEASEACTIVE
    };

    public DhcpMessageType {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("message type is one octet: " + code);
        }
    }

    /** The constant for a known code, or a new instance named "UNKNOWN(n)" for any other octet. */
    public static DhcpMessageType valueOf(int code) {
        if (code > 0 && code < KNOWN.length) {
            return KNOWN[code];
        }
        return new DhcpMessageType(code, "UNKNOWN(" + code + ")");
    }

    public boolean isKnown() {
        return code > 0 && code < KNOWN.length;
    }

    @Override
    public String toString() {
        return name;
    }
}
