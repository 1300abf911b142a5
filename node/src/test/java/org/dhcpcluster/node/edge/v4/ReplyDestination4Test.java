package org.dhcpcluster.node.edge.v4;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.junit.jupiter.api.Test;

class ReplyDestination4Test {
    private static DhcpV4Message reply(DhcpV4Message request, DhcpMessageType type) {
        return DhcpV4Message.replyTo(request).messageType(type).build();
    }

    @Test
    void aRelayedRequestIsAnsweredToTheRelayOnTheServerPort() {
        var req = new ClientMessages4(1).via("198.51.100.2").discover();
        assertEquals(new InetSocketAddress(Ipv4.parse("198.51.100.2"), 67), ReplyDestination4.of(req, reply(req, DhcpMessageType.OFFER), 67, 68));
    }

    @Test
    void aRenewingClientIsAnsweredByUnicastToCiaddr() {
        var req = new ClientMessages4(1).requestRenewing("192.0.2.120");
        assertEquals(new InetSocketAddress(Ipv4.parse("192.0.2.120"), 68), ReplyDestination4.of(req, reply(req, DhcpMessageType.ACK), 67, 68));
    }

    @Test
    void aNakToADirectlyAttachedClientIsBroadcastEvenWithCiaddr() {
        var req = new ClientMessages4(1).requestRenewing("192.0.2.120");
        assertEquals(new InetSocketAddress(Ipv4.BROADCAST, 68), ReplyDestination4.of(req, reply(req, DhcpMessageType.NAK), 67, 68));
    }

    @Test
    void anUnconfiguredClientIsAnsweredByBroadcast() {
        var req = new ClientMessages4(1).discover();
        assertEquals(new InetSocketAddress(Ipv4.BROADCAST, 68), ReplyDestination4.of(req, reply(req, DhcpMessageType.OFFER), 67, 68));
    }
}
