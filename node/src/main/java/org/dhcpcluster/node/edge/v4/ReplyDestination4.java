package org.dhcpcluster.node.edge.v4;

import java.net.InetSocketAddress;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;

/**
 * Where a reply goes (RFC 2131 section 4.1, "Constructing and sending DHCP messages"):
 * <ul>
 *   <li>giaddr set: to the relay, on the server port;</li>
 *   <li>DHCPNAK without a relay: broadcast, since the client's address is not usable;</li>
 *   <li>ciaddr set: unicast to ciaddr (RENEWING, REBINDING, INFORM);</li>
 *   <li>otherwise broadcast. The RFC prefers unicasting to yiaddr at chaddr when the broadcast
 *       bit is clear, but that needs an ARP entry the kernel does not have for a client that
 *       is not configured yet; ordinary UDP sockets can't do it, so the RFC's fallback,
 *       broadcast, is used (as Kea does with UDP sockets). Clients listen with raw sockets
 *       and accept it.</li>
 * </ul>
 */
public final class ReplyDestination4 {
    private ReplyDestination4() {
    }

    public static InetSocketAddress of(DhcpV4Message request, DhcpV4Message reply, int serverPort, int clientPort) {
        if (!Ipv4.isUnspecified(request.giaddr())) {
            return new InetSocketAddress(request.giaddr(), serverPort);
        }
        boolean nak = reply.messageType().filter(DhcpMessageType.NAK::equals).isPresent();
        if (!nak && !Ipv4.isUnspecified(request.ciaddr())) {
            return new InetSocketAddress(request.ciaddr(), clientPort);
        }
        return new InetSocketAddress(Ipv4.BROADCAST, clientPort);
    }
}
