package org.dhcpcluster.client.udp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.unix.RawUnixChannelOption;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.dhcpcluster.client.runtime.Transport;

/**
 * One UDP socket of a DHCP client, optionally tied to one interface with SO_BINDTODEVICE.
 *
 * <p>Why Netty epoll and not the JDK's DatagramChannel: a client on 0.0.0.0:68 or [::]:546 must
 * hear only its own link (several clients on several interfaces all use the same port), and
 * the JDK cannot set SO_BINDTODEVICE. Epoll can, through {@link RawUnixChannelOption}, as the
 * node's edge does. Without epoll (not Linux) the socket cannot be bound to a device, so opening
 * one with a device fails rather than silently listening on every link.
 *
 * <p>Received datagrams go to the receiver on Netty's I/O thread; owners hand them over to their
 * scheduler's thread (the state machines are not thread-safe). Sending never throws (see
 * {@link Transport}): failures are counted.
 */
public final class DeviceSocket implements Transport, AutoCloseable {
    /** SOL_SOCKET and SO_BINDTODEVICE from Linux's socket.h. */
    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;
    /** A load run's burst of replies must not overflow the default (~200 KiB) buffer. */
    private static final int RECEIVE_BUFFER = 4 << 20;

    private final EventLoopGroup group;
    private final Channel channel;
    private final Optional<NetworkInterface> device;
    private final AtomicLong sendFailures = new AtomicLong();
    private volatile ChannelFuture lastWrite;

    private DeviceSocket(EventLoopGroup group, Channel channel, Optional<NetworkInterface> device) {
        this.group = group;
        this.channel = channel;
        this.device = device;
    }

    /**
     * Binds a socket of one family at {@code bindAt}, on {@code deviceName} if given.
     *
     * @param broadcast SO_BROADCAST (a DHCPv4 client sends to 255.255.255.255)
     * @param receiver called for every datagram, on the socket's I/O thread
     */
    public static DeviceSocket open(SocketProtocolFamily family, InetSocketAddress bindAt, Optional<String> deviceName,
                                    boolean broadcast, Consumer<Datagram> receiver) {
        if (!Epoll.isAvailable()) {
            throw new IllegalStateException("the UDP runner needs Linux epoll (SO_BINDTODEVICE): "
                    + Epoll.unavailabilityCause());
        }
        Optional<NetworkInterface> device = deviceName.map(DeviceSocket::networkInterface);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, daemonThreads(), EpollIoHandler.newFactory());
        Bootstrap b = new Bootstrap().group(group)
                .channelFactory(() -> new EpollDatagramChannel(family))
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BROADCAST, broadcast)
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(4096))
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                        ByteBuf content = p.content();
                        receiver.accept(new Datagram(ByteBufUtil.getBytes(content), p.sender()));
                    }
                });
        if (family == SocketProtocolFamily.INET6 && device.isPresent()) {
            b.option(ChannelOption.IP_MULTICAST_IF, device.get());
        }
        Channel channel = b.register().syncUninterruptibly().channel();
        try {
            if (deviceName.isPresent()) {
                byte[] name = deviceName.get().getBytes(StandardCharsets.US_ASCII);
                ByteBuffer value = ByteBuffer.allocateDirect(name.length + 1).put(name).put((byte) 0).flip();
                channel.config().setOption(new RawUnixChannelOption("SO_BINDTODEVICE", SOL_SOCKET, SO_BINDTODEVICE,
                        name.length + 1), value);
            }
            channel.bind(bindAt).syncUninterruptibly();
        } catch (RuntimeException e) {
            channel.close();
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            String where = bindAt + deviceName.map(d -> " on " + d).orElse("");
            String hint = bindAt.getPort() < 1024 ? " (ports below 1024 need root or CAP_NET_BIND_SERVICE)" : "";
            throw new IllegalStateException("cannot bind " + where + ": " + e.getMessage() + hint, e);
        }
        return new DeviceSocket(group, channel, device);
    }

    private static io.netty.util.concurrent.DefaultThreadFactory daemonThreads() {
        return new io.netty.util.concurrent.DefaultThreadFactory("dhcp-client-io", true);
    }

    private static NetworkInterface networkInterface(String name) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(name);
            if (nif == null) {
                throw new IllegalArgumentException("no such interface: " + name);
            }
            return nif;
        } catch (SocketException e) {
            throw new IllegalArgumentException("cannot read interface " + name + ": " + e.getMessage(), e);
        }
    }

    /** The interface this socket is tied to, if any. */
    public Optional<NetworkInterface> device() {
        return device;
    }

    @Override
    public void send(byte[] payload, InetSocketAddress destination) {
        InetSocketAddress to = scoped(destination);
        ChannelFuture f = channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(payload), to));
        lastWrite = f;
        f.addListener(done -> {
            if (!done.isSuccess()) {
                sendFailures.incrementAndGet();
            }
        });
    }

    /**
     * A link-local or link-scoped multicast IPv6 destination without a scope id is given the
     * socket's interface: ff02::1:2 means nothing without saying which link.
     */
    private InetSocketAddress scoped(InetSocketAddress destination) {
        if (device.isPresent() && destination.getAddress() instanceof Inet6Address a && a.getScopeId() == 0
                && a.getScopedInterface() == null && (a.isLinkLocalAddress() || a.isMCLinkLocal())) {
            try {
                return new InetSocketAddress(Inet6Address.getByAddress(null, a.getAddress(), device.get()),
                        destination.getPort());
            } catch (UnknownHostException e) {
                return destination;
            }
        }
        return destination;
    }

    /** Datagrams the kernel refused (no route, interface down ...). */
    public long sendFailures() {
        return sendFailures.get();
    }

    /** Waits until the last datagram handed to {@link #send} has left (or failed), at most {@code timeout}. */
    public void flush(Duration timeout) {
        ChannelFuture f = lastWrite;
        if (f != null) {
            f.awaitUninterruptibly(timeout.toMillis());
        }
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2000);
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(2000);
    }
}
