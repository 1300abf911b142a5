package org.dhcpcluster.protocol.v6;

/**
 * DHCPv6 option codes the server itself reasons about, named after their RFCs (IANA
 * "Option Codes" registry). The full list of known options, with names and formats, is
 * data: {@link org.dhcpcluster.protocol.v6.option.DhcpV6OptionTable}.
 */
public final class DhcpV6OptionCode {
    public static final int CLIENTID = 1;                    // RFC 8415 21.2
    public static final int SERVERID = 2;                    // RFC 8415 21.3
    public static final int IA_NA = 3;                       // RFC 8415 21.4
    public static final int IA_TA = 4;                       // RFC 8415 21.5
    public static final int IAADDR = 5;                      // RFC 8415 21.6
    public static final int ORO = 6;                         // RFC 8415 21.7
    public static final int PREFERENCE = 7;                  // RFC 8415 21.8
    public static final int ELAPSED_TIME = 8;                // RFC 8415 21.9
    public static final int RELAY_MSG = 9;                   // RFC 8415 21.10
    public static final int AUTH = 11;                       // RFC 8415 21.11
    public static final int UNICAST = 12;                    // RFC 8415 21.12
    public static final int STATUS_CODE = 13;                // RFC 8415 21.13
    public static final int RAPID_COMMIT = 14;               // RFC 8415 21.14
    public static final int USER_CLASS = 15;                 // RFC 8415 21.15
    public static final int VENDOR_CLASS = 16;               // RFC 8415 21.16
    public static final int VENDOR_OPTS = 17;                // RFC 8415 21.17
    public static final int INTERFACE_ID = 18;               // RFC 8415 21.18
    public static final int RECONF_MSG = 19;                 // RFC 8415 21.19
    public static final int RECONF_ACCEPT = 20;              // RFC 8415 21.20
    public static final int DNS_SERVERS = 23;                // RFC 3646 section 3
    public static final int DOMAIN_LIST = 24;                // RFC 3646 section 4
    public static final int IA_PD = 25;                      // RFC 8415 21.21
    public static final int IAPREFIX = 26;                   // RFC 8415 21.22
    public static final int INFORMATION_REFRESH_TIME = 32;   // RFC 8415 21.23
    public static final int REMOTE_ID = 37;                  // RFC 4649
    public static final int SUBSCRIBER_ID = 38;              // RFC 4580
    public static final int CLIENT_LINKLAYER_ADDR = 79;      // RFC 6939
    public static final int SOL_MAX_RT = 82;                 // RFC 8415 21.24
    public static final int INF_MAX_RT = 83;                 // RFC 8415 21.25
    public static final int DHCPV4_MSG = 87;                 // RFC 7341 section 7.1
    public static final int DHCP4_O_DHCP6_SERVER = 88;       // RFC 7341 section 8

    private DhcpV6OptionCode() {
    }
}
