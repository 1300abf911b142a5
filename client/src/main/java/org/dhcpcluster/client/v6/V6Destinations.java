package org.dhcpcluster.client.v6;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import org.dhcpcluster.protocol.v6.Ipv6;

/** Where DHCPv6 client messages go (RFC 8415 section 7.1): the link-scoped servers' group, or one server, port 547. */
public final class V6Destinations {
    public static final int SERVER_PORT = 547;
    public static final int CLIENT_PORT = 546;
    /** All_DHCP_Relay_Agents_and_Servers, ff02::1:2 (section 7.1): every message unless a server allowed unicast. */
    public static final Inet6Address ALL_DHCP_RELAY_AGENTS_AND_SERVERS = Ipv6.parse("ff02::1:2");
    public static final InetSocketAddress MULTICAST = new InetSocketAddress(ALL_DHCP_RELAY_AGENTS_AND_SERVERS, SERVER_PORT);

    private V6Destinations() {
    }

    /** A server's address from its Server Unicast option (section 21.12), port 547. */
    public static InetSocketAddress server(Inet6Address unicast) {
        return new InetSocketAddress(unicast, SERVER_PORT);
    }
}
