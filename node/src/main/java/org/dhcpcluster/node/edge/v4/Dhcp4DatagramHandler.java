package org.dhcpcluster.node.edge.v4;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts one UDP socket to {@link Dhcp4Service}: copies the datagram out of Netty's buffer
 * (so no buffer lifetime leaks past this class), and writes the reply, if any, back out of
 * the same socket, which for a per-interface socket means out of the same interface.
 */
final class Dhcp4DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger log = LoggerFactory.getLogger(Dhcp4DatagramHandler.class);

    private final Dhcp4Service service;
    private final Optional<String> interfaceName;
    private final List<Integer> interfaceAddresses;

    Dhcp4DatagramHandler(Dhcp4Service service, Optional<String> interfaceName, List<Integer> interfaceAddresses) {
        this.service = service;
        this.interfaceName = interfaceName;
        this.interfaceAddresses = List.copyOf(interfaceAddresses);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        byte[] datagram = ByteBufUtil.getBytes(packet.content());
        Arrival arrival = new Arrival(packet.sender(), interfaceName, interfaceAddresses);
        service.handle(datagram, arrival).whenComplete((out, failure) -> {
            if (failure != null) {
                log.error("event=pipeline_failure from={} error={}", packet.sender(), failure.toString(), failure);
                return;
            }
            out.ifPresent(o -> ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(o.payload()), o.destination()))
                    .addListener(f -> {
                        if (!f.isSuccess()) {
                            log.warn("event=send_failed to={} error={}", o.destination(), f.cause().toString());
                        }
                    }));
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A socket error (e.g. ICMP port unreachable reported on the next read) must not close
        // the server socket: log and keep serving.
        log.warn("event=socket_error interface={} error={}", interfaceName.orElse("-"), cause.toString());
    }
}
