package org.dhcpcluster.client.load;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;
import org.dhcpcluster.client.runtime.Transport;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v6.DhcpV6Message;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.Ipv6;
import org.dhcpcluster.protocol.v6.RelayMessage;
import org.dhcpcluster.protocol.v6.codec.DhcpV6Codec;

/**
 * Makes a simulated DHCPv6 (or 4o6) client look relayed (RFC 8415 section 19.1.1): each message
 * goes inside a RELAY-FORW whose link-address is the load generator's address on the simulated
 * link (the server selects the subnet by it) and whose peer-address is the client's EUI-64
 * link-local address, by unicast to the server's port 547. The server answers with RELAY-REPL
 * to the load generator's port 547. With several servers each gets every RELAY-FORW, as from a
 * relay agent configured with several servers.
 */
public final class V6RelayTransport implements Transport {
    private final Transport socket;
    private final Inet6Address linkAddress;
    private final Inet6Address peerAddress;
    private final List<InetSocketAddress> servers;

    public V6RelayTransport(Transport socket, Inet6Address linkAddress, byte[] clientMac, List<InetSocketAddress> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("a relay needs at least one server");
        }
        this.socket = socket;
        this.linkAddress = linkAddress;
        this.peerAddress = linkLocal(clientMac);
        this.servers = List.copyOf(servers);
    }

    /** fe80::/64 with the modified EUI-64 interface identifier of {@code mac} (RFC 4291 appendix A). */
    static Inet6Address linkLocal(byte[] mac) {
        byte[] a = new byte[Ipv6.LENGTH];
        a[0] = (byte) 0xfe;
        a[1] = (byte) 0x80;
        a[8] = (byte) (mac[0] ^ 0x02);
        a[9] = mac[1];
        a[10] = mac[2];
        a[11] = (byte) 0xff;
        a[12] = (byte) 0xfe;
        a[13] = mac[3];
        a[14] = mac[4];
        a[15] = mac[5];
        return Ipv6.fromBytes(a);
    }

    @Override
    public void send(byte[] payload, InetSocketAddress destination) {
        DhcpV6Message inner;
        try {
            inner = DhcpV6Codec.decode(payload);
        } catch (DecodeException e) {
            return;     // the state machines only send what the codec wrote
        }
        RelayMessage forw = new RelayMessage(DhcpV6MessageType.RELAY_FORW, 0, linkAddress, peerAddress,
                DhcpV6Options.empty(), inner);
        byte[] encoded = DhcpV6Codec.encode(forw);
        for (InetSocketAddress server : servers) {
            socket.send(encoded, server);
        }
    }
}
