package org.dhcpcluster.node.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6Message;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.Ipv6;
import org.dhcpcluster.protocol.v6.RelayMessage;
import org.dhcpcluster.protocol.v6.codec.DhcpV6Codec;

/**
 * Plays a DHCPv6 relay agent on loopback: wraps client messages in RELAY-FORW (link-address
 * on the served link, peer-address the client's link-local address) and sends them to the
 * server over real UDP. Loopback has only ::1, so the relay sends from an ephemeral port and
 * says so with the Relay Source Port option (RFC 8357), which makes the server answer there.
 */
public final class TestRelay6 implements AutoCloseable {
    private static final int RELAY_SOURCE_PORT = 135;

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final Inet6Address linkAddress;

    public TestRelay6(InetSocketAddress server, String linkAddress) {
        this.server = server;
        this.linkAddress = Ipv6.parse(linkAddress);
        try {
            socket = new DatagramSocket(new InetSocketAddress(Ipv6.parse("::1"), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The RELAY-FORW this relay makes of a client's message. */
    public RelayMessage forward(DhcpV6Message m, Inet6Address peer) {
        byte[] port = {(byte) (socket.getLocalPort() >> 8), (byte) socket.getLocalPort()};
        return new RelayMessage(DhcpV6MessageType.RELAY_FORW, 0, linkAddress, peer,
                DhcpV6Options.of(new DhcpV6Option(RELAY_SOURCE_PORT, port)), m);
    }

    public void send(DhcpV6Message m, Inet6Address peer) {
        sendRaw(DhcpV6Codec.encode(forward(m, peer)));
    }

    public void sendRaw(byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, server));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next client/server reply, unwrapped from its RELAY-REPL, or empty if none arrives within the timeout. */
    public Optional<ClientServerMessage> receive(Duration timeout) {
        return receiveAny(timeout).map(m -> (ClientServerMessage) m);
    }

    /** The next reply of any kind (DHCPV4-RESPONSE included), unwrapped from its RELAY-REPL. */
    public Optional<DhcpV6Message> receiveAny(Duration timeout) {
        byte[] buf = new byte[4096];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            socket.receive(p);
            DhcpV6Message m = DhcpV6Codec.decode(Arrays.copyOf(p.getData(), p.getLength()));
            if (!(m instanceof RelayMessage r) || !r.type().equals(DhcpV6MessageType.RELAY_REPL)) {
                throw new AssertionError("expected RELAY-REPL, got " + m);
            }
            return Optional.of(r.innermost());
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DecodeException e) {
            throw new AssertionError("the server sent an undecodable reply: " + e.getMessage(), e);
        }
    }

    public Optional<ClientServerMessage> exchange(ClientServerMessage m, Inet6Address peer, Duration timeout) {
        send(m, peer);
        return receive(timeout);
    }

    @Override
    public void close() {
        socket.close();
    }
}
