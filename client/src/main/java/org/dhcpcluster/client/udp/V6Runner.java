package org.dhcpcluster.client.udp;

import io.netty.channel.socket.SocketProtocolFamily;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.dhcpcluster.client.runtime.ExecutorScheduler;
import org.dhcpcluster.client.v6.DhcpV6Client;
import org.dhcpcluster.client.v6.DhcpV6ClientConfig;
import org.dhcpcluster.client.v6.DhcpV6ClientListener;
import org.dhcpcluster.client.v6.DhcpV6ClientState;
import org.dhcpcluster.client.v6.DhcpV6Lease;
import org.dhcpcluster.client.v6.V6Destinations;

/**
 * A {@link DhcpV6Client} on a real link: a socket on [::]:546 tied to one interface, whose
 * multicasts to ff02::1:2 leave through that interface (IPV6_MULTICAST_IF and the scope id).
 * Servers answer the client's link-local source address, which the interface always has, so
 * no address needs configuring for the exchange itself. The state machine's timers and the
 * received datagrams run on one thread of the runner's own.
 */
public final class V6Runner implements AutoCloseable {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final ExecutorScheduler scheduler;
    private final DeviceSocket socket;
    private final DhcpV6Client client;

    private V6Runner(ExecutorScheduler scheduler, DeviceSocket socket, DhcpV6Client client) {
        this.scheduler = scheduler;
        this.socket = socket;
        this.client = client;
    }

    public static V6Runner open(String device, DhcpV6ClientConfig config, DhcpV6ClientListener listener, Random random) {
        ExecutorScheduler scheduler = ExecutorScheduler.singleThreaded("dhcp6-client-" + device);
        DhcpV6Client[] holder = new DhcpV6Client[1];
        DeviceSocket socket;
        try {
            socket = DeviceSocket.open(SocketProtocolFamily.INET6, new InetSocketAddress("::", V6Destinations.CLIENT_PORT),
                    Optional.of(device), false, d -> scheduler.schedule(Duration.ZERO, () -> holder[0].receive(d.payload())));
        } catch (RuntimeException e) {
            scheduler.close();
            throw e;
        }
        holder[0] = new DhcpV6Client(config, scheduler, socket, random, listener);
        return new V6Runner(scheduler, socket, holder[0]);
    }

    /** SOLICIT now. */
    public void start() {
        OnSchedulerThread.run(scheduler, CALL_TIMEOUT, client::start);
    }

    public DhcpV6ClientState state() {
        return OnSchedulerThread.call(scheduler, CALL_TIMEOUT, client::state);
    }

    public Optional<DhcpV6Lease> lease() {
        return OnSchedulerThread.call(scheduler, CALL_TIMEOUT, client::lease);
    }

    /**
     * Sends RELEASE if leases are held (else just stops) and waits up to {@code wait} for the
     * server's REPLY (RFC 8415 section 18.2.7 retransmits RELEASE until one comes or REL_MAX_RC).
     *
     * @return whether a RELEASE was sent
     */
    public boolean release(Duration wait) {
        boolean sent = OnSchedulerThread.call(scheduler, CALL_TIMEOUT, () -> {
            DhcpV6ClientState s = client.state();
            if (s == DhcpV6ClientState.BOUND || s == DhcpV6ClientState.RENEWING || s == DhcpV6ClientState.REBINDING
                    || s == DhcpV6ClientState.CONFIRMING) {
                client.release();
                return true;
            }
            if (s != DhcpV6ClientState.STOPPED && s != DhcpV6ClientState.RELEASING) {
                client.stop();
            }
            return false;
        });
        Instant deadline = Instant.now().plus(wait);
        while (sent && state() == DhcpV6ClientState.RELEASING && Instant.now().isBefore(deadline)) {
            sleep(20);
        }
        socket.flush(CALL_TIMEOUT);
        return sent;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long sendFailures() {
        return socket.sendFailures();
    }

    @Override
    public void close() {
        socket.close();
        scheduler.close();
    }
}
