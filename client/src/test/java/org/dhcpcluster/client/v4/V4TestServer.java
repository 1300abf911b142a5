package org.dhcpcluster.client.v4;

import java.net.Inet4Address;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.OptionCode;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;

/**
 * A tiny DHCPv4 server for the client tests: it answers a decoded client message with an
 * encoded OFFER, ACK or NAK built the way RFC 2131 table 3 says, nothing more.
 */
final class V4TestServer {
    static final Inet4Address SUBNET_MASK = Ipv4.parse("255.255.255.0");

    private final Inet4Address serverId;

    V4TestServer(Inet4Address serverId) {
        this.serverId = serverId;
    }

    Inet4Address id() {
        return serverId;
    }

    byte[] offer(DhcpV4Message discover, Inet4Address address, long leaseSeconds) {
        return encode(DhcpV4Message.replyTo(discover).yiaddr(address).messageType(DhcpMessageType.OFFER)
                .address(OptionCode.SERVER_IDENTIFIER, serverId)
                .uint32(OptionCode.IP_ADDRESS_LEASE_TIME, leaseSeconds)
                .address(OptionCode.SUBNET_MASK, SUBNET_MASK).build());
    }

    /** An ACK with only option 51: the client must work out T1 and T2 itself. */
    byte[] ack(DhcpV4Message request, Inet4Address address, long leaseSeconds) {
        return encode(ackBuilder(request, address, leaseSeconds).build());
    }

    byte[] ack(DhcpV4Message request, Inet4Address address, long leaseSeconds, long t1, long t2) {
        return encode(ackBuilder(request, address, leaseSeconds)
                .uint32(OptionCode.RENEWAL_TIME, t1).uint32(OptionCode.REBINDING_TIME, t2).build());
    }

    byte[] nak(DhcpV4Message request) {
        return encode(DhcpV4Message.replyTo(request).messageType(DhcpMessageType.NAK)
                .address(OptionCode.SERVER_IDENTIFIER, serverId).build());
    }

    private DhcpV4Message.Builder ackBuilder(DhcpV4Message request, Inet4Address address, long leaseSeconds) {
        return DhcpV4Message.replyTo(request).yiaddr(address).ciaddr(request.ciaddr()).messageType(DhcpMessageType.ACK)
                .address(OptionCode.SERVER_IDENTIFIER, serverId)
                .uint32(OptionCode.IP_ADDRESS_LEASE_TIME, leaseSeconds)
                .address(OptionCode.SUBNET_MASK, SUBNET_MASK);
    }

    private static byte[] encode(DhcpV4Message reply) {
        return DhcpV4Codec.encode(reply, DhcpV4Codec.DEFAULT_MAX_PAYLOAD);
    }
}
