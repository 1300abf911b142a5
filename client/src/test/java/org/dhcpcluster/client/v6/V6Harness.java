package org.dhcpcluster.client.v6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.dhcpcluster.client.runtime.FakeScheduler;
import org.dhcpcluster.client.testing.CapturingTransport;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.Ipv6;
import org.dhcpcluster.protocol.v6.codec.DhcpV6Codec;
import org.dhcpcluster.protocol.v6.option.IaAddress;
import org.dhcpcluster.protocol.v6.option.IaPrefix;

/**
 * One DHCPv6 client on a fake clock, a capturing transport and a seeded random, with a
 * listener that writes down what it hears. Sent datagrams are read back through the codec.
 */
final class V6Harness {
    static final byte[] MAC = HexFormat.of().parseHex("02005e100002");
    static final Inet6Address ADDRESS = Ipv6.parse("2001:db8::10");
    static final Inet6Address OTHER_ADDRESS = Ipv6.parse("2001:db8::11");
    static final Inet6Address PREFIX = Ipv6.parse("2001:db8:100::");
    static final Inet6Address SERVER_UNICAST = Ipv6.parse("2001:db8::1");
    static final long SEED = 8415L;

    final FakeScheduler scheduler = new FakeScheduler();
    final CapturingTransport transport = new CapturingTransport(scheduler);
    final List<String> events = new ArrayList<>();
    final List<ClientServerMessage> informed = new ArrayList<>();
    final V6TestServer server = new V6TestServer(1);
    final DhcpV6Client client;

    V6Harness() {
        this(DhcpV6ClientConfig.builder(MAC).build());
    }

    V6Harness(DhcpV6ClientConfig config) {
        this(config, SEED);
    }

    V6Harness(DhcpV6ClientConfig config, long seed) {
        client = new DhcpV6Client(config, scheduler, transport, new Random(seed), new DhcpV6ClientListener() {
            @Override
            public void stateChanged(DhcpV6ClientState from, DhcpV6ClientState to) {
                events.add(from + "->" + to);
            }

            @Override
            public void bound(DhcpV6Lease lease) {
                events.add("bound " + describe(lease));
            }

            @Override
            public void renewed(DhcpV6Lease lease) {
                events.add("renewed " + describe(lease));
            }

            @Override
            public void expired(DhcpV6Lease lease) {
                events.add("expired " + describe(lease));
            }

            @Override
            public void notOnLink(DhcpV6Lease lease) {
                events.add("notOnLink " + describe(lease));
            }

            @Override
            public void released(DhcpV6Lease lease) {
                events.add("released " + describe(lease));
            }

            @Override
            public void informed(ClientServerMessage reply) {
                informed.add(reply);
            }
        });
    }

    static String describe(DhcpV6Lease lease) {
        List<String> parts = new ArrayList<>();
        lease.addresses().forEach(a -> parts.add(Ipv6.format(a.address())));
        lease.prefixes().forEach(p -> parts.add(Ipv6.format(p.prefix()) + "/" + p.prefixLength()));
        return String.join(",", parts);
    }

    static IaAddress address(long preferred, long valid) {
        return new IaAddress(ADDRESS, preferred, valid);
    }

    static IaPrefix prefix(long preferred, long valid) {
        return new IaPrefix(preferred, valid, 56, PREFIX);
    }

    ClientServerMessage sent(int i) {
        return decode(transport.sent().get(i).payload());
    }

    /** The last datagram, which must be of this type. */
    ClientServerMessage lastSent(DhcpV6MessageType type) {
        ClientServerMessage m = decode(transport.last().payload());
        assertEquals(type, m.type(), "last message sent");
        return m;
    }

    void deliver(byte[] reply) {
        assertTrue(client.receive(reply), "the client should act on this reply");
    }

    /**
     * start(), an ADVERTISE with preference 255 (so no waiting), a REPLY with one IA_NA holding
     * {@link #ADDRESS}: the client ends BOUND.
     */
    DhcpV6Lease bind(long t1, long t2, long preferred, long valid) {
        client.start();
        deliver(server.advertise(lastSent(DhcpV6MessageType.SOLICIT), 255, V6TestServer.na(1, t1, t2, address(preferred, valid))));
        deliver(server.reply(lastSent(DhcpV6MessageType.REQUEST), V6TestServer.na(1, t1, t2, address(preferred, valid))));
        assertEquals(DhcpV6ClientState.BOUND, client.state());
        return client.lease().orElseThrow();
    }

    static ClientServerMessage decode(byte[] payload) {
        try {
            return (ClientServerMessage) DhcpV6Codec.decode(payload);
        } catch (DecodeException e) {
            throw new AssertionError("the client sent an undecodable datagram", e);
        }
    }
}
