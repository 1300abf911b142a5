package org.dhcpcluster.client.udp;

import java.net.InetSocketAddress;

/** A UDP payload as it arrived, with who sent it (a relay agent's address tells relay replies apart). */
public record Datagram(byte[] payload, InetSocketAddress sender) {
}
