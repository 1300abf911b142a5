package org.dhcpcluster.node.edge.udp;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts one UDP socket to a {@link Pipeline}: copies the datagram out of Netty's buffer (so
 * no buffer lifetime leaks past this class) and writes the reply, if any, back out of the same
 * socket, which for a per-interface socket means out of the same interface.
 */
public final class DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger log = LoggerFactory.getLogger(DatagramHandler.class);

    private final String protocol;
    private final String socketLabel;
    private final Pipeline pipeline;

    /** {@code protocol} and {@code socketLabel} (an interface name, or "-") only label log lines. */
    public DatagramHandler(String protocol, String socketLabel, Pipeline pipeline) {
        this.protocol = protocol;
        this.socketLabel = socketLabel;
        this.pipeline = pipeline;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        byte[] datagram = ByteBufUtil.getBytes(packet.content());
        pipeline.handle(datagram, packet.sender()).whenComplete((out, failure) -> {
            if (failure != null) {
                log.error("event=pipeline_failure protocol={} from={} error={}", protocol, packet.sender(), failure.toString(), failure);
                return;
            }
            out.ifPresent(o -> ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(o.payload()), o.destination()))
                    .addListener(f -> {
                        if (!f.isSuccess()) {
                            log.warn("event=send_failed protocol={} to={} error={}", protocol, o.destination(), f.cause().toString());
                        }
                    }));
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A socket error (e.g. ICMP port unreachable reported on the next read) must not close
        // the server socket: log and keep serving.
        log.warn("event=socket_error protocol={} socket={} error={}", protocol, socketLabel, cause.toString());
    }
}
