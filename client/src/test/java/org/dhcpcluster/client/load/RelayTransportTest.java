package org.dhcpcluster.client.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.dhcpcluster.client.runtime.FakeScheduler;
import org.dhcpcluster.client.testing.CapturingTransport;
import org.dhcpcluster.client.v4.DhcpV4Client;
import org.dhcpcluster.client.v4.DhcpV4ClientConfig;
import org.dhcpcluster.client.v4.DhcpV4ClientListener;
import org.dhcpcluster.client.v6.DhcpV6Client;
import org.dhcpcluster.client.v6.DhcpV6ClientConfig;
import org.dhcpcluster.client.v6.DhcpV6ClientListener;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;
import org.dhcpcluster.protocol.v6.RelayMessage;
import org.dhcpcluster.protocol.v6.codec.DhcpV6Codec;
import org.junit.jupiter.api.Test;

/** A relay with several servers sends each of them every message, as dhcrelay with several servers does. */
class RelayTransportTest {
    private static final byte[] MAC = {0x02, 0x00, 0x5e, 0x00, 0x53, 0x01};
    private final FakeScheduler clock = new FakeScheduler();
    private final CapturingTransport socket = new CapturingTransport(clock);

    @Test
    void aRelayedDiscoverGoesToEveryServerWithTheRelayAsGiaddr() throws Exception {
        List<InetSocketAddress> servers = List.of(new InetSocketAddress("192.0.2.11", 67),
                new InetSocketAddress("192.0.2.12", 67), new InetSocketAddress("192.0.2.13", 67));
        Inet4Address relay = (Inet4Address) InetAddress.getByName("198.51.100.1");
        new DhcpV4Client(DhcpV4ClientConfig.builder(MAC).build(), clock, new V4RelayTransport(socket, relay, servers),
                new Random(1), DhcpV4ClientListener.NONE).start();

        assertEquals(servers, socket.sent().stream().map(CapturingTransport.Sent::destination).toList());
        for (CapturingTransport.Sent s : socket.sent()) {
            DhcpV4Message m = DhcpV4Codec.decode(s.payload());
            assertEquals(relay, m.giaddr());
            assertEquals(1, m.hops());
        }
    }

    @Test
    void aRelayedSolicitGoesToEveryServerInsideRelayForw() throws Exception {
        List<InetSocketAddress> servers = List.of(new InetSocketAddress("2001:db8:1::11", 547),
                new InetSocketAddress("2001:db8:1::12", 547));
        Inet6Address link = (Inet6Address) InetAddress.getByName("2001:db8:2::2");
        new DhcpV6Client(DhcpV6ClientConfig.builder(MAC).iaNa(1).build(), clock,
                new V6RelayTransport(socket, link, MAC, servers), new Random(1), DhcpV6ClientListener.NONE).start();
        clock.advance(Duration.ofSeconds(1));

        assertEquals(servers, socket.sent().stream().map(CapturingTransport.Sent::destination).distinct().toList());
        RelayMessage forw = assertInstanceOf(RelayMessage.class, DhcpV6Codec.decode(socket.sent().get(0).payload()));
        assertEquals(link, forw.linkAddress());
    }
}
