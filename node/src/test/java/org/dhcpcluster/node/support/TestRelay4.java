package org.dhcpcluster.node.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;

/**
 * Plays a DHCP relay agent on loopback: sends client messages (giaddr = its own address) to
 * the server over real UDP and receives the server's replies on the server port, as a relay
 * does (RFC 2131 section 4.1). Loopback has the whole 127/8, so the relay binds 127.0.0.2
 * while the server listens on 127.0.0.1, both on the same port.
 */
public final class TestRelay4 implements AutoCloseable {
    public static final String RELAY_ADDRESS = "127.0.0.2";

    private final DatagramSocket socket;
    private final InetSocketAddress server;

    public TestRelay4(InetSocketAddress server) {
        this(server, RELAY_ADDRESS);
    }

    /** A relay at another loopback address (127.0.0.3, ...), e.g. one per client thread. */
    public TestRelay4(InetSocketAddress server, String relayAddress) {
        this.server = server;
        try {
            socket = new DatagramSocket(new InetSocketAddress(relayAddress, server.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void send(DhcpV4Message message) {
        sendRaw(DhcpV4Codec.encode(message, DhcpV4Codec.DEFAULT_MAX_PAYLOAD));
    }

    public void sendRaw(byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, server));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next reply, or empty if none arrives within the timeout. */
    public Optional<DhcpV4Message> receive(Duration timeout) {
        byte[] buf = new byte[4096];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            socket.receive(p);
            return Optional.of(DhcpV4Codec.decode(Arrays.copyOf(buf, p.getLength())));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DecodeException e) {
            throw new AssertionError("the server sent an undecodable reply: " + e.getMessage(), e);
        }
    }

    /** Sends and waits for the reply to this transaction, skipping stray replies to others. */
    public Optional<DhcpV4Message> exchange(DhcpV4Message message, Duration timeout) {
        send(message);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            Optional<DhcpV4Message> r = receive(Duration.ofNanos(left));
            if (r.isEmpty() || r.get().xid() == message.xid()) {
                return r;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
