package org.dhcpcluster.protocol.v4;

/**
 * DHCPv4 option codes the server itself reasons about, named after their RFCs. The full
 * list of known options, with names and value types, is data:
 * {@link org.dhcpcluster.protocol.v4.option.DhcpV4OptionTable}.
 */
public final class OptionCode {
    public static final int PAD = 0;
    public static final int SUBNET_MASK = 1;                 // RFC 2132 3.3
    public static final int ROUTERS = 3;                     // RFC 2132 3.5
    public static final int DOMAIN_NAME_SERVERS = 6;         // RFC 2132 3.8
    public static final int HOST_NAME = 12;                  // RFC 2132 3.14
    public static final int DOMAIN_NAME = 15;                // RFC 2132 3.17
    public static final int BROADCAST_ADDRESS = 28;          // RFC 2132 5.3
    public static final int REQUESTED_IP_ADDRESS = 50;       // RFC 2132 9.1
    public static final int IP_ADDRESS_LEASE_TIME = 51;      // RFC 2132 9.2
    public static final int OPTION_OVERLOAD = 52;            // RFC 2132 9.3
    public static final int DHCP_MESSAGE_TYPE = 53;          // RFC 2132 9.6
    public static final int SERVER_IDENTIFIER = 54;          // RFC 2132 9.7
    public static final int PARAMETER_REQUEST_LIST = 55;     // RFC 2132 9.8
    public static final int MESSAGE = 56;                    // RFC 2132 9.9
    public static final int MAXIMUM_MESSAGE_SIZE = 57;       // RFC 2132 9.10
    public static final int RENEWAL_TIME = 58;               // RFC 2132 9.11 (T1)
    public static final int REBINDING_TIME = 59;             // RFC 2132 9.12 (T2)
    public static final int VENDOR_CLASS_IDENTIFIER = 60;    // RFC 2132 9.13
    public static final int CLIENT_IDENTIFIER = 61;          // RFC 2132 9.14, RFC 4361
    public static final int USER_CLASS = 77;                 // RFC 3004
    public static final int CLIENT_FQDN = 81;                // RFC 4702
    public static final int RELAY_AGENT_INFORMATION = 82;    // RFC 3046
    public static final int SUBNET_SELECTION = 118;          // RFC 3011 ("link selection")
    public static final int END = 255;

    private OptionCode() {
    }
}
