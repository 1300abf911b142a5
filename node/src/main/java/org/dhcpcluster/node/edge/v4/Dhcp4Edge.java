package org.dhcpcluster.node.edge.v4;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.RawUnixChannelOption;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.node.config.NodeConfig;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCPv4 UDP sockets of a node. With interfaces configured, one socket per interface,
 * each bound to 0.0.0.0:67 and to its device (SO_BINDTODEVICE), so the node knows which
 * link a broadcast came from and its replies leave by that link. Without interfaces, one
 * socket on the listen address for relayed (unicast) traffic, as behind a load balancer.
 */
public final class Dhcp4Edge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dhcp4Edge.class);
    /** SOL_SOCKET and SO_BINDTODEVICE from Linux's socket.h. */
    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;
    /** Room for a burst of DISCOVERs while the shards answer the previous ones. */
    private static final int RECEIVE_BUFFER = 4 << 20;

    private final EventLoopGroup group;
    private final List<Channel> channels;

    private Dhcp4Edge(EventLoopGroup group, List<Channel> channels) {
        this.group = group;
        this.channels = channels;
    }

    public static Dhcp4Edge start(NodeConfig.V4 settings, Dhcp4Service service) {
        boolean epoll = Epoll.isAvailable();
        if (!settings.interfaces().isEmpty() && !epoll) {
            throw new EdgeStartException("dhcp.v4.listen.interfaces needs Linux epoll (SO_BINDTODEVICE), which is "
                    + "unavailable here: " + Epoll.unavailabilityCause());
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        List<Channel> channels = new ArrayList<>();
        try {
            if (settings.interfaces().isEmpty()) {
                InetSocketAddress at = new InetSocketAddress(Ipv4.parse(settings.listenAddress()), settings.port());
                channels.add(bind(group, epoll, at, Optional.empty(), new Dhcp4DatagramHandler(service, Optional.empty(), List.of())));
            } else {
                for (String name : settings.interfaces()) {
                    List<Integer> addresses = interfaceAddresses(name);
                    InetSocketAddress at = new InetSocketAddress(Ipv4.ANY, settings.port());
                    channels.add(bind(group, epoll, at, Optional.of(name),
                            new Dhcp4DatagramHandler(service, Optional.of(name), addresses)));
                }
            }
        } catch (RuntimeException e) {
            channels.forEach(Channel::close);
            group.shutdownGracefully();
            throw e;
        }
        for (Channel c : channels) {
            log.info("event=listening protocol=dhcpv4 address={} transport={}", c.localAddress(), epoll ? "epoll" : "nio");
        }
        return new Dhcp4Edge(group, channels);
    }

    private static Channel bind(EventLoopGroup group, boolean epoll, InetSocketAddress at, Optional<String> device,
                                Dhcp4DatagramHandler handler) {
        // An IPv4-only socket: a dual-stack one would see v4-mapped addresses and broadcast less predictably.
        Bootstrap b = new Bootstrap().group(group)
                .channelFactory(() -> epoll ? new EpollDatagramChannel(SocketProtocolFamily.INET)
                        : new NioDatagramChannel(SocketProtocolFamily.INET))
                .option(ChannelOption.SO_BROADCAST, true)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(4096))
                .handler(handler);
        Channel channel = b.register().syncUninterruptibly().channel();
        String where = at + device.map(d -> " on " + d).orElse("");
        try {
            if (device.isPresent()) {
                byte[] name = device.get().getBytes(StandardCharsets.US_ASCII);
                ByteBuffer value = ByteBuffer.allocateDirect(name.length + 1).put(name).put((byte) 0).flip();
                // Set on the registered channel rather than through the bootstrap, which only logs
                // a failed option and would leave the socket bound to every interface.
                channel.config().setOption(new RawUnixChannelOption("SO_BINDTODEVICE", SOL_SOCKET, SO_BINDTODEVICE,
                        name.length + 1), value);
            }
            channel.bind(at).syncUninterruptibly();
            return channel;
        } catch (Exception e) {
            channel.close();
            String hint = at.getPort() < 1024 && String.valueOf(e.getMessage()).contains("ermission")
                    ? " (ports below 1024 need root or CAP_NET_BIND_SERVICE)" : "";
            throw new EdgeStartException("cannot listen for DHCPv4 at " + where + ": " + e.getMessage() + hint, e);
        }
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
        for (InetAddress a : java.util.Collections.list(nif.getInetAddresses())) {
            if (a instanceof Inet4Address v4) {
                out.add(Ipv4.toInt(v4));
            }
        }
        return out;
    }

    public List<InetSocketAddress> localAddresses() {
        return channels.stream().map(c -> (InetSocketAddress) c.localAddress()).toList();
    }

    /** Stops taking packets; in-flight replies already handed to Netty are flushed first. */
    @Override
    public void close() {
        for (Channel c : channels) {
            c.close().syncUninterruptibly();
        }
        group.shutdownGracefully().syncUninterruptibly();
    }
}
