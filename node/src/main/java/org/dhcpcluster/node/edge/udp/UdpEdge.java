package org.dhcpcluster.node.edge.udp;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A protocol's set of sockets on one event loop: opened together, reported together, closed together. */
public abstract class UdpEdge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UdpEdge.class);

    private final EventLoopGroup group;
    private final List<Channel> channels;

    protected UdpEdge(EventLoopGroup group, List<Channel> channels, String protocol) {
        this.group = group;
        this.channels = List.copyOf(channels);
        for (Channel c : channels) {
            log.info("event=listening protocol={} address={} transport={}", protocol, c.localAddress(), UdpSockets.epoll() ? "epoll" : "nio");
        }
    }

    /**
     * Opens sockets with {@code opener} (which adds each to the list as it succeeds) on a new
     * event loop; if one fails, the ones already open are closed and the loop stopped.
     */
    protected static <E> E open(Consumer<List<Channel>> opener, BiFunction<EventLoopGroup, List<Channel>, E> edge,
                                EventLoopGroup group) {
        List<Channel> channels = new ArrayList<>();
        try {
            opener.accept(channels);
        } catch (RuntimeException e) {
            channels.forEach(Channel::close);
            group.shutdownGracefully();
            throw e;
        }
        return edge.apply(group, channels);
    }

    public List<InetSocketAddress> localAddresses() {
        return channels.stream().map(c -> (InetSocketAddress) c.localAddress()).toList();
    }

    /** Stops taking packets; replies already handed to Netty are flushed first. */
    @Override
    public void close() {
        for (Channel c : channels) {
            c.close().syncUninterruptibly();
        }
        group.shutdownGracefully().syncUninterruptibly();
    }
}
