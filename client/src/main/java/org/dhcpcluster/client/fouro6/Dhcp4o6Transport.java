package org.dhcpcluster.client.fouro6;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.dhcpcluster.client.runtime.Transport;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v6.Dhcp4o6Message;
import org.dhcpcluster.protocol.v6.codec.DhcpV6Codec;

/**
 * The DHCPv4 state machine's transport in a DHCPv4-over-DHCPv6 client (RFC 7341 section 5):
 * each DHCPv4 message goes, whole, into the DHCPv4 Message option of a DHCPV4-QUERY, which is
 * sent over IPv6 to every 4o6 server address the client knows (or ff02::1:2). The v4
 * destination is not used as an address, but it tells the U flag: set when the client would
 * have unicast the message over IPv4 (RENEWING, RELEASE), so the server answers as it would a
 * unicast (section 6.1).
 *
 * <p>{@code v6} is whatever carries IPv6 datagrams: a socket on the link, or a relay wrapper
 * in the load generator.
 */
public final class Dhcp4o6Transport implements Transport {
    private final Transport v6;
    private final Supplier<List<InetSocketAddress>> servers;

    public Dhcp4o6Transport(Transport v6, Supplier<List<InetSocketAddress>> servers) {
        this.v6 = Objects.requireNonNull(v6, "v6");
        this.servers = Objects.requireNonNull(servers, "servers");
    }

    @Override
    public void send(byte[] dhcpV4, InetSocketAddress v4Destination) {
        boolean unicast = !Ipv4.BROADCAST.equals(v4Destination.getAddress());
        byte[] query = DhcpV6Codec.encode(Dhcp4o6Message.query(dhcpV4, unicast));
        for (InetSocketAddress server : servers.get()) {
            v6.send(query, server);
        }
    }
}
