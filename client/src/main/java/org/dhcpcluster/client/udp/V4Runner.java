package org.dhcpcluster.client.udp;

import io.netty.channel.socket.SocketProtocolFamily;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.dhcpcluster.client.runtime.ExecutorScheduler;
import org.dhcpcluster.client.v4.DhcpV4Client;
import org.dhcpcluster.client.v4.DhcpV4ClientConfig;
import org.dhcpcluster.client.v4.DhcpV4ClientListener;
import org.dhcpcluster.client.v4.DhcpV4ClientState;
import org.dhcpcluster.client.v4.DhcpV4Lease;
import org.dhcpcluster.client.v4.V4Destinations;

/**
 * A {@link DhcpV4Client} on a real link: a socket on 0.0.0.0:68 tied to one interface, with
 * SO_BROADCAST for the DISCOVERs and REQUESTs to 255.255.255.255, and a thread of its own that
 * runs the state machine's timers and every datagram the socket receives.
 *
 * <p>A client without an address cannot receive a unicast reply to the address it is being
 * offered on an ordinary UDP socket, so the configuration must ask for broadcast replies
 * (RFC 2131 section 4.1, the BROADCAST flag); {@link #open} refuses one that does not. Replies
 * while RENEWING are unicast to ciaddr, which arrive only once the address is on the interface:
 * the owner configures it from {@link DhcpV4ClientListener#bound}.
 */
public final class V4Runner implements AutoCloseable {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final ExecutorScheduler scheduler;
    private final DeviceSocket socket;
    private final DhcpV4Client client;

    private V4Runner(ExecutorScheduler scheduler, DeviceSocket socket, DhcpV4Client client) {
        this.scheduler = scheduler;
        this.socket = socket;
        this.client = client;
    }

    public static V4Runner open(String device, DhcpV4ClientConfig config, DhcpV4ClientListener listener, Random random) {
        if (!config.broadcastFlag()) {
            throw new IllegalArgumentException("a client on a UDP socket must ask for broadcast replies (broadcastFlag)");
        }
        ExecutorScheduler scheduler = ExecutorScheduler.singleThreaded("dhcp4-client-" + device);
        DhcpV4Client[] holder = new DhcpV4Client[1];
        DeviceSocket socket;
        try {
            socket = DeviceSocket.open(SocketProtocolFamily.INET, new InetSocketAddress("0.0.0.0", V4Destinations.CLIENT_PORT),
                    Optional.of(device), true, d -> scheduler.schedule(Duration.ZERO, () -> holder[0].receive(d.payload())));
        } catch (RuntimeException e) {
            scheduler.close();
            throw e;
        }
        holder[0] = new DhcpV4Client(config, scheduler, socket, random, listener);
        return new V4Runner(scheduler, socket, holder[0]);
    }

    /** INIT: the first DHCPDISCOVER leaves now. */
    public void start() {
        OnSchedulerThread.run(scheduler, CALL_TIMEOUT, client::start);
    }

    public DhcpV4ClientState state() {
        return OnSchedulerThread.call(scheduler, CALL_TIMEOUT, client::state);
    }

    public Optional<DhcpV4Lease> lease() {
        return OnSchedulerThread.call(scheduler, CALL_TIMEOUT, client::lease);
    }

    /**
     * Sends DHCPRELEASE if a lease is held (else just stops) and waits until the datagram has
     * left, so a process may exit right after.
     *
     * @return whether a RELEASE was sent
     */
    public boolean release() {
        boolean sent = OnSchedulerThread.call(scheduler, CALL_TIMEOUT, () -> {
            DhcpV4ClientState s = client.state();
            if (s == DhcpV4ClientState.BOUND || s == DhcpV4ClientState.RENEWING || s == DhcpV4ClientState.REBINDING) {
                client.release();
                return true;
            }
            if (s != DhcpV4ClientState.STOPPED) {
                client.stop();
            }
            return false;
        });
        socket.flush(CALL_TIMEOUT);
        return sent;
    }

    /** Datagrams the kernel refused to send. */
    public long sendFailures() {
        return socket.sendFailures();
    }

    @Override
    public void close() {
        socket.close();
        scheduler.close();
    }
}
