package org.dhcpcluster.node.edge.udp;

import java.net.InetSocketAddress;

/** A reply datagram and where to send it. */
public record Outgoing(byte[] payload, InetSocketAddress destination) {
}
