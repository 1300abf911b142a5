package org.dhcpcluster.node.edge.udp;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** What a socket feeds each datagram to: at most one reply per datagram, possibly later. */
@FunctionalInterface
public interface Pipeline {
    CompletionStage<Optional<Outgoing>> handle(byte[] datagram, InetSocketAddress sender);
}
