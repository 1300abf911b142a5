package org.dhcpcluster.node.edge.v6;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.node.config.NodeConfig;
import org.dhcpcluster.node.edge.udp.DatagramHandler;
import org.dhcpcluster.node.edge.udp.UdpEdge;
import org.dhcpcluster.node.edge.udp.UdpSockets;
import org.dhcpcluster.node.edge.v4.EdgeStartException;
import org.dhcpcluster.protocol.v6.Ipv6;

/**
 * The DHCPv6 UDP sockets of a node (RFC 8415 section 7). With interfaces configured, one
 * socket per interface, bound to [::]:547 and to its device (SO_BINDTODEVICE) and joined to
 * All_DHCP_Relay_Agents_and_Servers (ff02::1:2) there, so the node knows which link a
 * client's multicast came from and answers out of it. Always one more socket, not bound to a
 * device, for relays' unicast RELAY-FORW.
 */
public final class Dhcp6Edge extends UdpEdge {
    public static final Inet6Address ALL_DHCP_RELAY_AGENTS_AND_SERVERS = Ipv6.parse("ff02::1:2");
    /** IPPROTO_IPV6 and IPV6_MULTICAST_ALL (Linux 4.20) from in6.h. */
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_MULTICAST_ALL = 29;

    private Dhcp6Edge(EventLoopGroup group, List<Channel> channels) {
        super(group, channels, "dhcpv6");
    }

    public static Dhcp6Edge start(NodeConfig.V6 settings, Dhcp6Service service) {
        if (!settings.interfaces().isEmpty() && !UdpSockets.epoll()) {
            throw new EdgeStartException("dhcp.v6.listen.interfaces needs Linux epoll (SO_BINDTODEVICE), which is "
                    + "unavailable here: " + Epoll.unavailabilityCause());
        }
        EventLoopGroup group = UdpSockets.newGroup();
        return open(channels -> {
            InetSocketAddress any = new InetSocketAddress(Ipv6.UNSPECIFIED, settings.port());
            for (String name : settings.interfaces()) {
                NetworkInterface nif = networkInterface(name);
                Channel c = bind(group, any, Optional.of(name), service, addresses(nif));
                channels.add(c);
                join((DatagramChannel) c, nif);
            }
            // Relayed traffic arrives by unicast to any of the node's addresses.
            channels.add(bind(group, any, Optional.empty(), service, List.of()));
        }, Dhcp6Edge::new, group);
    }

    private static Channel bind(EventLoopGroup group, InetSocketAddress at, Optional<String> device, Dhcp6Service service,
                                List<Address128> addresses) {
        DatagramHandler handler = new DatagramHandler("dhcpv6", device.orElse("-"),
                (datagram, sender) -> service.handle(datagram, new Arrival6(sender, device, addresses)));
        boolean epoll = UdpSockets.epoll();
        return UdpSockets.bind(group, SocketProtocolFamily.INET6, at, device, handler, b -> {
            if (epoll) {
                // Several sockets share [::]:547: one per interface plus the relay socket.
                b.option(EpollChannelOption.SO_REUSEPORT, true);
            }
        }, channel -> {
            if (device.isEmpty() && epoll) {
                // Linux hands a multicast to every socket on the port unless told otherwise; the
                // relay socket must not see clients' multicasts a second time, without their interface.
                UdpSockets.setIntOption(channel, "IPV6_MULTICAST_ALL", IPPROTO_IPV6, IPV6_MULTICAST_ALL, 0);
            }
        }, "DHCPv6");
    }

    private static void join(DatagramChannel channel, NetworkInterface nif) {
        try {
            channel.joinGroup(new InetSocketAddress(ALL_DHCP_RELAY_AGENTS_AND_SERVERS, 0), nif).syncUninterruptibly();
        } catch (Exception e) {
            throw new EdgeStartException("cannot join ff02::1:2 on " + nif.getName() + ": " + e.getMessage(), e);
        }
    }

    private static NetworkInterface networkInterface(String name) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(name);
            if (nif == null) {
                throw new EdgeStartException("dhcp.v6.listen.interfaces: there is no interface named " + name);
            }
            return nif;
        } catch (SocketException e) {
            throw new EdgeStartException("dhcp.v6.listen.interfaces: cannot inspect interface " + name + ": " + e.getMessage(), e);
        }
    }

    private static List<Address128> addresses(NetworkInterface nif) {
        List<Address128> out = new ArrayList<>();
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
            if (a instanceof Inet6Address v6 && !v6.isLinkLocalAddress()) {
                out.add(Address128.of(v6));
            }
        }
        return out;
    }
}
