package org.dhcpcluster.node.edge.udp;

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
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import org.dhcpcluster.node.edge.v4.EdgeStartException;

/**
 * Opens the DHCP edge's UDP sockets the same way for both protocols: epoll where available
 * (it carries the Linux socket options a DHCP server needs), a receive buffer big enough for a
 * burst of requests, and SO_BINDTODEVICE for a per-interface socket, set on the registered
 * channel so a failure is an error rather than a log line and a socket listening everywhere.
 */
public final class UdpSockets {
    /** SOL_SOCKET and SO_BINDTODEVICE from Linux's socket.h. */
    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;
    /** Room for a burst of requests while the shards answer the previous ones. */
    private static final int RECEIVE_BUFFER = 4 << 20;

    private UdpSockets() {
    }

    public static boolean epoll() {
        return Epoll.isAvailable();
    }

    /** One I/O thread: decoding is cheap and the work happens in the shards. */
    public static EventLoopGroup newGroup() {
        return new MultiThreadIoEventLoopGroup(1, epoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /**
     * Binds a socket of one address family (never dual-stack: v4-mapped addresses and
     * broadcast behave less predictably on one). {@code configure} adds protocol-specific
     * options to the bootstrap; {@code beforeBind} may set raw options on the channel.
     */
    public static Channel bind(EventLoopGroup group, SocketProtocolFamily family, InetSocketAddress at, Optional<String> device,
                               DatagramHandler handler, Consumer<Bootstrap> configure, Consumer<Channel> beforeBind, String protocol) {
        boolean epoll = epoll();
        Bootstrap b = new Bootstrap().group(group)
                .channelFactory(() -> epoll ? new EpollDatagramChannel(family) : new NioDatagramChannel(family))
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(4096))
                .handler(handler);
        configure.accept(b);
        Channel channel = b.register().syncUninterruptibly().channel();
        String where = at + device.map(d -> " on " + d).orElse("");
        try {
            if (device.isPresent()) {
                byte[] name = device.get().getBytes(StandardCharsets.US_ASCII);
                ByteBuffer value = ByteBuffer.allocateDirect(name.length + 1).put(name).put((byte) 0).flip();
                channel.config().setOption(new RawUnixChannelOption("SO_BINDTODEVICE", SOL_SOCKET, SO_BINDTODEVICE,
                        name.length + 1), value);
            }
            beforeBind.accept(channel);
            channel.bind(at).syncUninterruptibly();
            return channel;
        } catch (Exception e) {
            channel.close();
            String hint = at.getPort() < 1024 && String.valueOf(e.getMessage()).contains("ermission")
                    ? " (ports below 1024 need root or CAP_NET_BIND_SERVICE)" : "";
            throw new EdgeStartException("cannot listen for " + protocol + " at " + where + ": " + e.getMessage() + hint, e);
        }
    }

    /** An int-valued raw socket option (epoll only), e.g. IPV6_MULTICAST_ALL. */
    public static void setIntOption(Channel channel, String name, int level, int option, int value) {
        channel.config().setOption(new RawUnixChannelOption(name, level, option, 4),
                ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putInt(value).flip());
    }
}
