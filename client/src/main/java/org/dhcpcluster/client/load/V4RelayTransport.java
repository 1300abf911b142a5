package org.dhcpcluster.client.load;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import org.dhcpcluster.client.runtime.Transport;

/**
 * Makes a simulated DHCPv4 client look relayed (RFC 2131 section 4.1, RFC 1542): every message
 * leaves with giaddr set to the load generator's own address and hops 1, by unicast to the
 * server's port 67, wherever the client meant to send it. The server then answers the relay
 * address on port 67, where the load generator listens, for all messages, renewals and
 * releases included (an ordinary socket could not receive a reply to the client's ciaddr).
 * The giaddr and hops octets are patched in place: the message is otherwise sent as the
 * state machine built it. With several servers every message goes to each of them, as a relay
 * agent configured with several servers does (ISC dhcrelay): all may answer.
 */
public final class V4RelayTransport implements Transport {
    /** Offsets in the fixed BOOTP header (RFC 2131 figure 1). */
    static final int HOPS_OFFSET = 3;
    static final int GIADDR_OFFSET = 24;

    private final Transport socket;
    private final byte[] giaddr;
    private final List<InetSocketAddress> servers;

    public V4RelayTransport(Transport socket, Inet4Address relayAddress, List<InetSocketAddress> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("a relay needs at least one server");
        }
        this.socket = socket;
        this.giaddr = relayAddress.getAddress();
        this.servers = List.copyOf(servers);
    }

    @Override
    public void send(byte[] payload, InetSocketAddress destination) {
        if (payload.length < GIADDR_OFFSET + 4) {
            return;
        }
        byte[] relayed = payload.clone();
        relayed[HOPS_OFFSET] = (byte) Math.min(255, (relayed[HOPS_OFFSET] & 0xff) + 1);
        System.arraycopy(giaddr, 0, relayed, GIADDR_OFFSET, 4);
        for (InetSocketAddress server : servers) {
            socket.send(relayed, server);
        }
    }
}
