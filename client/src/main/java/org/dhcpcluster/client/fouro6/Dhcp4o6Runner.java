package org.dhcpcluster.client.fouro6;

import io.netty.channel.socket.SocketProtocolFamily;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.dhcpcluster.client.runtime.ExecutorScheduler;
import org.dhcpcluster.client.runtime.ScheduledTask;
import org.dhcpcluster.client.udp.Datagram;
import org.dhcpcluster.client.udp.DeviceSocket;
import org.dhcpcluster.client.udp.OnSchedulerThread;
import org.dhcpcluster.client.v4.DhcpV4Client;
import org.dhcpcluster.client.v4.DhcpV4ClientConfig;
import org.dhcpcluster.client.v4.DhcpV4ClientListener;
import org.dhcpcluster.client.v4.DhcpV4ClientState;
import org.dhcpcluster.client.v4.DhcpV4Lease;
import org.dhcpcluster.client.v6.DhcpV6Client;
import org.dhcpcluster.client.v6.DhcpV6ClientConfig;
import org.dhcpcluster.client.v6.DhcpV6ClientListener;
import org.dhcpcluster.client.v6.V6Destinations;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6Message;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.codec.DhcpV6Codec;

/**
 * A DHCPv4-over-DHCPv6 client on a real link (RFC 7341 section 5): one socket on [::]:546 on
 * the interface and one thread. First an INFORMATION-REQUEST asking for option 88 (the 4o6
 * server addresses); when it is answered, or after {@code discoveryWait} without an answer,
 * the DHCPv4 state machine starts, its messages carried in DHCPV4-QUERYs to the learned
 * addresses (or ff02::1:2). DHCPV4-RESPONSEs are unwrapped and handed to the DHCPv4 client;
 * every other DHCPv6 message goes to the information-request client.
 */
public final class Dhcp4o6Runner implements AutoCloseable {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final ExecutorScheduler scheduler;
    private final DeviceSocket socket;
    private final DhcpV4Client v4;
    private final DhcpV6Client information;
    private final Duration discoveryWait;
    private final Consumer<List<Inet6Address>> serversLearned;
    private volatile List<InetSocketAddress> servers = List.of(V6Destinations.MULTICAST);
    private boolean v4Started;
    private ScheduledTask discoveryTimeout = ScheduledTask.NONE;

    private Dhcp4o6Runner(ExecutorScheduler scheduler, DeviceSocket socket, DhcpV4ClientConfig v4Config,
                          DhcpV4ClientListener v4Listener, Random random, Duration discoveryWait,
                          Consumer<List<Inet6Address>> serversLearned) {
        this.scheduler = scheduler;
        this.socket = socket;
        this.discoveryWait = discoveryWait;
        this.serversLearned = serversLearned;
        this.v4 = new DhcpV4Client(v4Config, scheduler, new Dhcp4o6Transport(socket, () -> servers), random, v4Listener);
        DhcpV6ClientConfig infoConfig = DhcpV6ClientConfig.builder(v4Config.hardwareAddress())
                .optionRequest(List.of(DhcpV6OptionCode.DHCP4_O_DHCP6_SERVER)).build();
        this.information = new DhcpV6Client(infoConfig, scheduler, socket, random, new DhcpV6ClientListener() {
            @Override
            public void informed(ClientServerMessage reply) {
                learned(Dhcp4o6Servers.fromReply(reply));
            }
        });
    }

    /**
     * Opens the socket on {@code device}.
     *
     * @param serversLearned told (on the client's thread) which 4o6 server addresses option 88 named; empty when none
     */
    public static Dhcp4o6Runner open(String device, DhcpV4ClientConfig v4Config, DhcpV4ClientListener v4Listener,
                                     Random random, Duration discoveryWait, Consumer<List<Inet6Address>> serversLearned) {
        ExecutorScheduler scheduler = ExecutorScheduler.singleThreaded("dhcp4o6-client-" + device);
        Dhcp4o6Runner[] holder = new Dhcp4o6Runner[1];
        DeviceSocket socket;
        try {
            socket = DeviceSocket.open(SocketProtocolFamily.INET6, new InetSocketAddress("::", V6Destinations.CLIENT_PORT),
                    Optional.of(device), false, d -> scheduler.schedule(Duration.ZERO, () -> holder[0].received(d)));
        } catch (RuntimeException e) {
            scheduler.close();
            throw e;
        }
        holder[0] = new Dhcp4o6Runner(scheduler, socket, v4Config, v4Listener, random, discoveryWait, serversLearned);
        return holder[0];
    }

    private void received(Datagram d) {
        DhcpV6Message m;
        try {
            m = DhcpV6Codec.decode(d.payload());
        } catch (DecodeException e) {
            return;
        }
        Optional<byte[]> inner = Dhcp4o6Servers.responsePayload(m);
        if (inner.isPresent()) {
            v4.receive(inner.get());
        } else if (m instanceof ClientServerMessage csm) {
            information.receive(csm);
        }
    }

    private void learned(List<Inet6Address> addresses) {
        if (v4Started) {
            return;
        }
        discoveryTimeout.cancel();
        information.stop();
        servers = Dhcp4o6Servers.destinations(addresses);
        serversLearned.accept(addresses);
        v4Started = true;
        v4.start();
    }

    /** INFORMATION-REQUEST for option 88 now; the DHCPv4 client starts when it is answered or given up on. */
    public void start() {
        OnSchedulerThread.run(scheduler, CALL_TIMEOUT, () -> {
            information.informationRequest();
            discoveryTimeout = scheduler.schedule(discoveryWait, () -> learned(List.of()));
        });
    }

    public DhcpV4ClientState state() {
        return OnSchedulerThread.call(scheduler, CALL_TIMEOUT, v4::state);
    }

    public Optional<DhcpV4Lease> lease() {
        return OnSchedulerThread.call(scheduler, CALL_TIMEOUT, v4::lease);
    }

    /** Where DHCPV4-QUERYs go now. */
    public List<InetSocketAddress> servers() {
        return servers;
    }

    /** DHCPRELEASE in a DHCPV4-QUERY (U flag set) if a lease is held, else stops; waits until it has left. */
    public boolean release() {
        boolean sent = OnSchedulerThread.call(scheduler, CALL_TIMEOUT, () -> {
            discoveryTimeout.cancel();
            DhcpV4ClientState s = v4.state();
            if (s == DhcpV4ClientState.BOUND || s == DhcpV4ClientState.RENEWING || s == DhcpV4ClientState.REBINDING) {
                v4.release();
                return true;
            }
            if (s != DhcpV4ClientState.STOPPED) {
                v4.stop();
            }
            information.stop();
            return false;
        });
        socket.flush(CALL_TIMEOUT);
        return sent;
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
