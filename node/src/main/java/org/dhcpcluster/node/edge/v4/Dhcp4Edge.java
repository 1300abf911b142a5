package org.dhcpcluster.node.edge.v4;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.socket.SocketProtocolFamily;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.node.config.NodeConfig;
import org.dhcpcluster.node.edge.udp.DatagramHandler;
import org.dhcpcluster.node.edge.udp.UdpEdge;
import org.dhcpcluster.node.edge.udp.UdpSockets;
import org.dhcpcluster.protocol.v4.Ipv4;

/**
 * The DHCPv4 UDP sockets of a node. With interfaces configured, one socket per interface,
 * each bound to 0.0.0.0:67 and to its device (SO_BINDTODEVICE), so the node knows which
 * link a broadcast came from and its replies leave by that link. Without interfaces, one
 * socket on the listen address for relayed (unicast) traffic, as behind a load balancer.
 */
public final class Dhcp4Edge extends UdpEdge {
    private Dhcp4Edge(EventLoopGroup group, List<Channel> channels) {
        super(group, channels, "dhcpv4");
    }

    public static Dhcp4Edge start(NodeConfig.V4 settings, Dhcp4Service service) {
        if (!settings.interfaces().isEmpty() && !UdpSockets.epoll()) {
            throw new EdgeStartException("dhcp.v4.listen.interfaces needs Linux epoll (SO_BINDTODEVICE), which is "
                    + "unavailable here: " + Epoll.unavailabilityCause());
        }
        EventLoopGroup group = UdpSockets.newGroup();
        return open(channels -> {
            if (settings.interfaces().isEmpty()) {
                InetSocketAddress at = new InetSocketAddress(Ipv4.parse(settings.listenAddress()), settings.port());
                channels.add(bind(group, at, Optional.empty(), service, List.of()));
            } else {
                for (String name : settings.interfaces()) {
                    channels.add(bind(group, new InetSocketAddress(Ipv4.ANY, settings.port()), Optional.of(name), service,
                            interfaceAddresses(name)));
                }
            }
        }, Dhcp4Edge::new, group);
    }

    private static Channel bind(EventLoopGroup group, InetSocketAddress at, Optional<String> device, Dhcp4Service service,
                                List<Integer> addresses) {
        DatagramHandler handler = new DatagramHandler("dhcpv4", device.orElse("-"),
                (datagram, sender) -> service.handle(datagram, new Arrival(sender, device, addresses)));
        return UdpSockets.bind(group, SocketProtocolFamily.INET, at, device, handler,
                b -> b.option(ChannelOption.SO_BROADCAST, true), c -> { }, "DHCPv4");
    }

    private static List<Integer> interfaceAddresses(String name) {
        NetworkInterface nif;
        try {
            nif = NetworkInterface.getByName(name);
        } catch (SocketException e) {
            throw new EdgeStartException("dhcp.v4.listen.interfaces: cannot inspect interface " + name + ": " + e.getMessage(), e);
        }
        if (nif == null) {
            throw new EdgeStartException("dhcp.v4.listen.interfaces: there is no interface named " + name);
        }
        List<Integer> out = new ArrayList<>();
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
            if (a instanceof Inet4Address v4) {
                out.add(Ipv4.toInt(v4));
            }
        }
        return out;
    }
}
