package org.dhcpcluster.client.v4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.dhcpcluster.client.runtime.FakeScheduler;
import org.dhcpcluster.client.testing.CapturingTransport;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;

/**
 * One DHCPv4 client on a fake clock, a capturing transport and a seeded random, with a
 * listener that writes down what it hears. Sent datagrams are read back through the codec.
 */
final class V4Harness {
    static final byte[] MAC = HexFormat.of().parseHex("02005e100001");
    static final Inet4Address ADDRESS = Ipv4.parse("192.0.2.10");
    static final Inet4Address OTHER_ADDRESS = Ipv4.parse("192.0.2.11");
    static final long SEED = 20240101L;

    final FakeScheduler scheduler = new FakeScheduler();
    final CapturingTransport transport = new CapturingTransport(scheduler);
    final List<String> events = new ArrayList<>();
    final List<DhcpV4Lease> leases = new ArrayList<>();
    final V4TestServer server = new V4TestServer(Ipv4.parse("192.0.2.1"));
    final DhcpV4Client client;

    V4Harness() {
        this(DhcpV4ClientConfig.builder(MAC).build());
    }

    V4Harness(DhcpV4ClientConfig config) {
        this(config, SEED);
    }

    V4Harness(DhcpV4ClientConfig config, long seed) {
        client = new DhcpV4Client(config, scheduler, transport, new Random(seed), new DhcpV4ClientListener() {
            @Override
            public void stateChanged(DhcpV4ClientState from, DhcpV4ClientState to) {
                events.add(from + "->" + to);
            }

            @Override
            public void bound(DhcpV4Lease lease) {
                events.add("bound " + lease.address().getHostAddress());
                leases.add(lease);
            }

            @Override
            public void renewed(DhcpV4Lease lease) {
                events.add("renewed " + lease.address().getHostAddress());
                leases.add(lease);
            }

            @Override
            public void expired(DhcpV4Lease lease) {
                events.add("expired " + lease.address().getHostAddress());
            }

            @Override
            public void nakReceived(DhcpV4Message nak) {
                events.add("nak");
            }

            @Override
            public void declined(Inet4Address address) {
                events.add("declined " + address.getHostAddress());
            }

            @Override
            public void released(DhcpV4Lease lease) {
                events.add("released " + lease.address().getHostAddress());
            }
        });
    }

    /** The i-th datagram the client sent, decoded. */
    DhcpV4Message sent(int i) {
        return decode(transport.sent().get(i).payload());
    }

    DhcpV4Message lastSent() {
        return decode(transport.last().payload());
    }

    /** The last datagram, which must be of this type. */
    DhcpV4Message lastSent(DhcpMessageType type) {
        DhcpV4Message m = lastSent();
        assertEquals(type, m.messageType().orElseThrow(), "last message sent");
        return m;
    }

    void deliver(byte[] reply) {
        assertTrue(client.receive(reply), "the client should act on this reply");
    }

    /** start(), OFFER, ACK with explicit T1/T2: the client ends BOUND on {@link #ADDRESS}. */
    DhcpV4Lease bind(long leaseSeconds, long t1, long t2) {
        client.start();
        deliver(server.offer(lastSent(DhcpMessageType.DISCOVER), ADDRESS, leaseSeconds));
        scheduler.advance(client.config().offerWindow());
        deliver(server.ack(lastSent(DhcpMessageType.REQUEST), ADDRESS, leaseSeconds, t1, t2));
        assertEquals(DhcpV4ClientState.BOUND, client.state());
        return client.lease().orElseThrow();
    }

    static DhcpV4Message decode(byte[] payload) {
        try {
            return DhcpV4Codec.decode(payload);
        } catch (DecodeException e) {
            throw new AssertionError("the client sent an undecodable datagram", e);
        }
    }
}
