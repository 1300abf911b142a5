package org.dhcpcluster.client.v4;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import org.dhcpcluster.protocol.v4.Ipv4;

/** Where DHCPv4 client messages go (RFC 2131 section 4.1): the limited broadcast, or one server, port 67. */
public final class V4Destinations {
    public static final int SERVER_PORT = 67;
    public static final int CLIENT_PORT = 68;
    /** 255.255.255.255:67, for every message a client sends before it has (or while it seeks) a server. */
    public static final InetSocketAddress BROADCAST = new InetSocketAddress(Ipv4.BROADCAST, SERVER_PORT);

    private V4Destinations() {
    }

    /** The server's own address, port 67: RENEWING and DHCPRELEASE go there by unicast. */
    public static InetSocketAddress server(Inet4Address serverIdentifier) {
        return new InetSocketAddress(serverIdentifier, SERVER_PORT);
    }
}
