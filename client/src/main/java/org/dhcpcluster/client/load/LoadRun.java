package org.dhcpcluster.client.load;

import io.netty.channel.socket.SocketProtocolFamily;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.dhcpcluster.client.fouro6.Dhcp4o6Servers;
import org.dhcpcluster.client.fouro6.Dhcp4o6Transport;
import org.dhcpcluster.client.runtime.ExecutorScheduler;
import org.dhcpcluster.client.runtime.Transport;
import org.dhcpcluster.client.udp.Datagram;
import org.dhcpcluster.client.udp.DeviceSocket;
import org.dhcpcluster.client.udp.OnSchedulerThread;
import org.dhcpcluster.client.v4.DhcpV4ClientConfig;
import org.dhcpcluster.client.v4.V4Destinations;
import org.dhcpcluster.client.v6.DhcpV6ClientConfig;
import org.dhcpcluster.client.v6.V6Destinations;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6Message;
import org.dhcpcluster.protocol.v6.RelayMessage;
import org.dhcpcluster.protocol.v6.codec.DhcpV6Codec;

/**
 * A load run: N real client state machines (distinct MACs, and DUIDs made from them) on one
 * scheduler thread and one socket, started at R per second. Replies are routed to their client
 * by chaddr (DHCPv4, also inside DHCPV4-RESPONSE) or Client Identifier (DHCPv6). Relayed, the
 * socket is the relay's (LOCAL:67 for v4, [LOCAL]:547 for v6 and 4o6) and every message goes to
 * the server by unicast; on an interface, it is the clients' own port (68 or 546) and the
 * messages are broadcast or multicast as a lone client would send them (DHCPv4 then asks for
 * broadcast replies; renewals, unicast to the leased address, cannot be received there).
 *
 * <p>Direct 4o6 sends DHCPV4-QUERYs to ff02::1:2 (no option 88 discovery per client).
 */
public final class LoadRun {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final LoadSettings settings;
    private final ExecutorScheduler scheduler = ExecutorScheduler.singleThreaded("dhcp-load");
    private final ExchangeMeter meter = new ExchangeMeter(scheduler);
    private final LoadCounters counters = new LoadCounters();
    private final List<SimulatedClient> clients = new ArrayList<>();
    private final Map<String, SimulatedV4Client> byChaddr = new HashMap<>();
    private final Map<String, SimulatedV6Client> byDuid = new HashMap<>();

    public LoadRun(LoadSettings settings) {
        this.settings = settings;
    }

    /** Runs to the end (every client done, or the maximum duration), printing a progress line every second. */
    public LoadResult run(PrintStream progress) {
        DeviceSocket socket = openSocket();
        try {
            Random random = new Random(settings.seed());
            OnSchedulerThread.run(scheduler, CALL_TIMEOUT, () -> createClients(socket, random));
            long t0 = System.nanoTime();
            for (int i = 0; i < clients.size(); i++) {
                SimulatedClient c = clients.get(i);
                scheduler.schedule(Duration.ofNanos((long) (i * 1e9 / settings.rate())), c::start);
            }
            long deadline = t0 + settings.maxDuration().toNanos();
            long nextProgress = t0 + 1_000_000_000L;
            while (counters.done() < settings.clients() && System.nanoTime() < deadline) {
                sleepMillis(20);
                if (System.nanoTime() >= nextProgress) {
                    progress.println(progressLine(System.nanoTime() - t0));
                    progress.flush();
                    nextProgress += 1_000_000_000L;
                }
            }
            long end = System.nanoTime();
            Map<String, LatencyStats> latencies = OnSchedulerThread.call(scheduler, CALL_TIMEOUT, () -> {
                clients.forEach(SimulatedClient::stop);
                return meter.snapshot();
            });
            socket.flush(Duration.ofSeconds(2));
            long lastBound = counters.lastBoundNanos.get();
            Duration window = Duration.ofNanos(counters.bound() == 0 ? 0 : Math.max(0, lastBound - t0));
            return new LoadResult(settings, counters.started(), counters.bound(), counters.renewed(), counters.released(),
                    counters.naks(), counters.done(), Duration.ofNanos(end - t0), window, latencies, socket.sendFailures());
        } finally {
            socket.close();
            scheduler.close();
        }
    }

    private String progressLine(long elapsedNanos) {
        return String.format(Locale.ROOT, "t=%ds started %d/%d bound %d renewed %d released %d naks %d done %d",
                elapsedNanos / 1_000_000_000L, counters.started(), settings.clients(), counters.bound(),
                counters.renewed(), counters.released(), counters.naks(), counters.done());
    }

    private DeviceSocket openSocket() {
        boolean v4 = settings.family().equals("v4");
        SocketProtocolFamily family = v4 ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6;
        InetSocketAddress at;
        if (settings.relayed()) {
            InetAddress local = settings.relayAddress().get();
            at = new InetSocketAddress(local, serverPort());
        } else {
            at = v4 ? new InetSocketAddress("0.0.0.0", V4Destinations.CLIENT_PORT)
                    : new InetSocketAddress("::", V6Destinations.CLIENT_PORT);
        }
        return DeviceSocket.open(family, at, settings.device(), v4 && !settings.relayed(),
                d -> scheduler.schedule(Duration.ZERO, () -> dispatch(d)));
    }

    private void createClients(DeviceSocket socket, Random random) {
        for (int i = 0; i < settings.clients(); i++) {
            byte[] mac = mac(settings.seed(), i);
            Random own = new Random(random.nextLong());
            switch (settings.family()) {
                case "v4" -> {
                    Transport t = settings.relayed()
                            ? new V4RelayTransport(socket, (Inet4Address) settings.relayAddress().get(),
                                    new InetSocketAddress(settings.server().get(), serverPort()))
                            : socket;
                    DhcpV4ClientConfig config = DhcpV4ClientConfig.builder(mac).broadcastFlag(!settings.relayed()).build();
                    addV4(i, mac, new SimulatedV4Client(i, config, scheduler, t, own, meter, counters, settings));
                }
                case "4o6" -> {
                    Transport v6 = settings.relayed() ? relay6(socket, mac) : socket;
                    List<InetSocketAddress> servers = Dhcp4o6Servers.destinations(List.of());
                    Transport t = new Dhcp4o6Transport(v6, () -> servers);
                    DhcpV4ClientConfig config = DhcpV4ClientConfig.builder(mac).build();
                    addV4(i, mac, new SimulatedV4Client(i, config, scheduler, t, own, meter, counters, settings));
                }
                default -> {
                    Transport t = settings.relayed() ? relay6(socket, mac) : socket;
                    DhcpV6ClientConfig config = DhcpV6ClientConfig.builder(mac).iaNa(1).build();
                    SimulatedV6Client c = new SimulatedV6Client(i, config, scheduler, t, own, meter, counters, settings);
                    byDuid.put(config.duid().toHex(), c);
                    clients.add(c);
                }
            }
        }
    }

    private Transport relay6(DeviceSocket socket, byte[] mac) {
        return new V6RelayTransport(socket, (Inet6Address) settings.relayAddress().get(), mac,
                new InetSocketAddress(settings.server().get(), serverPort()));
    }

    private int serverPort() {
        if (settings.serverPort() != 0) {
            return settings.serverPort();
        }
        return settings.family().equals("v4") ? V4Destinations.SERVER_PORT : V6Destinations.SERVER_PORT;
    }

    private void addV4(int i, byte[] mac, SimulatedV4Client c) {
        byChaddr.put(HexFormat.of().formatHex(mac), c);
        clients.add(c);
    }

    /** Locally administered, unicast MACs, distinct per client and per seed: 02:xx:ii:ii:ii:ii... */
    static byte[] mac(long seed, int index) {
        return new byte[] {0x02, (byte) (seed & 0xff), (byte) (index >>> 24), (byte) (index >>> 16),
                (byte) (index >>> 8), (byte) index};
    }

    private void dispatch(Datagram d) {
        if (settings.family().equals("v4")) {
            try {
                deliverV4(DhcpV4Codec.decode(d.payload()));
            } catch (DecodeException e) {
                // not a DHCPv4 message: nothing to route
            }
            return;
        }
        DhcpV6Message m;
        try {
            m = DhcpV6Codec.decode(d.payload());
        } catch (DecodeException e) {
            return;
        }
        Optional<byte[]> inner = Dhcp4o6Servers.responsePayload(m);
        if (inner.isPresent()) {
            try {
                deliverV4(DhcpV4Codec.decode(inner.get()));
            } catch (DecodeException e) {
                // a DHCPV4-RESPONSE without a readable DHCPv4 message
            }
            return;
        }
        DhcpV6Message innermost = m instanceof RelayMessage r ? r.innermost() : m;
        if (innermost instanceof ClientServerMessage csm) {
            csm.clientId().map(id -> byDuid.get(id.toHex())).ifPresent(c -> c.receive(csm));
        }
    }

    private void deliverV4(DhcpV4Message m) {
        if (m.op() != DhcpV4Message.BOOTREPLY) {
            return;
        }
        SimulatedV4Client c = byChaddr.get(HexFormat.of().formatHex(m.clientHardwareAddress()));
        if (c != null) {
            c.receive(m);
        }
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
