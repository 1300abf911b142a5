package org.dhcpcluster.client.load;

import io.netty.channel.socket.SocketProtocolFamily;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * A load run: real client state machines (distinct MACs, and DUIDs made from them) on one
 * scheduler thread and one socket, driven by a {@link Workload} (a population bound first if
 * the plan has one, then new clients at R per second and renewals at R2 per second). Replies
 * are routed to their client by chaddr (DHCPv4, also inside DHCPV4-RESPONSE) or Client
 * Identifier (DHCPv6). Relayed, the socket is the relay's (LOCAL:67 for v4, [LOCAL]:547 for v6
 * and 4o6) and every message goes to each server by unicast; on an interface, it is the
 * clients' own port (68 or 546) and the messages are broadcast or multicast as a lone client
 * would send them (DHCPv4 then asks for broadcast replies; renewals, unicast to the leased
 * address, cannot be received there).
 *
 * <p>Direct 4o6 sends DHCPV4-QUERYs to ff02::1:2 (no option 88 discovery per client).
 */
public final class LoadRun {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final LoadSettings settings;
    private final ExecutorScheduler scheduler = ExecutorScheduler.singleThreaded("dhcp-load");
    private final ExchangeMeter meter = new ExchangeMeter(scheduler);
    private final LoadCounters counters = new LoadCounters();
    private final Map<String, SimulatedV4Client> byChaddr = new HashMap<>();
    private final Map<String, SimulatedV6Client> byDuid = new HashMap<>();
    private final int warmUpClients;
    private final Optional<Path> startSignal;
    private Workload workload;

    /**
     * A run that first warms its own code on {@code warmUpClients} in-process clients (see
     * {@link SelfWarmUp}; 0 for none), opens its socket, and then, if {@code startSignal} is
     * given, waits for that file to exist before it begins: a script measuring a cold start has
     * the generator ready and waiting, and creates the file the moment the server is ready.
     */
    public LoadRun(LoadSettings settings, int warmUpClients, Optional<Path> startSignal) {
        this.settings = settings;
        this.warmUpClients = warmUpClients;
        this.startSignal = startSignal;
    }

    /**
     * Runs to the end (the measured phase complete, or its maximum duration), printing a progress
     * line every second and one line when the measured phase begins (its wall-clock start, for
     * scripts that act on the servers during it).
     */
    public LoadResult run(PrintStream progress) {
        if (warmUpClients > 0) {
            long w0 = System.nanoTime();
            SelfWarmUp.run(settings.family(), warmUpClients);
            progress.printf(Locale.ROOT, "load generator warmed up on %d in-process clients in %.1f s%n", warmUpClients,
                    (System.nanoTime() - w0) / 1e9);
        }
        DeviceSocket socket = openSocket();
        try {
            Random random = new Random(settings.seed());
            OnSchedulerThread.run(scheduler, CALL_TIMEOUT,
                    () -> workload = new Workload(settings, scheduler, meter, counters, (i, events) -> create(socket, random, i, events)));
            if (startSignal.isPresent()) {
                progress.println("waiting for " + startSignal.get());
                progress.flush();
                while (!Files.exists(startSignal.get())) {
                    sleepMillis(2);
                }
            }
            long t0 = System.nanoTime();
            scheduler.schedule(Duration.ZERO, workload::begin);
            long deadline = Long.MAX_VALUE;
            long nextProgress = t0 + 1_000_000_000L;
            while (!workload.complete() && System.nanoTime() < deadline) {
                sleepMillis(20);
                if (deadline == Long.MAX_VALUE && counters.measuredStartEpochMillis() != 0) {
                    deadline = System.nanoTime() + settings.maxDuration().toNanos();
                    progress.println("measured phase started epoch-ms=" + counters.measuredStartEpochMillis());
                    progress.flush();
                }
                if (System.nanoTime() >= nextProgress) {
                    progress.println(progressLine(System.nanoTime() - t0));
                    progress.flush();
                    nextProgress += 1_000_000_000L;
                }
            }
            Outcome o = OnSchedulerThread.call(scheduler, CALL_TIMEOUT, () -> {
                workload.stopAll();
                return new Outcome(meter.snapshot(), Optional.ofNullable(workload.populationPhase()), workload.measuredPhase());
            });
            socket.flush(Duration.ofSeconds(2));
            return new LoadResult(settings, counters.started(), counters.bound(), counters.renewed(), counters.released(),
                    counters.naks(), counters.done(), o.latencies(), socket.sendFailures(), o.population(), o.measured());
        } finally {
            socket.close();
            scheduler.close();
        }
    }

    /** What is read off the scheduler thread at the end. */
    private record Outcome(Map<String, LatencyStats> latencies, Optional<PopulationPhase> population, MeasuredPhase measured) {
    }

    private String progressLine(long elapsedNanos) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "t=%ds", elapsedNanos / 1_000_000_000L));
        if (settings.plan().population() > 0) {
            line.append(String.format(Locale.ROOT, " population %d/%d", counters.populationBound(), settings.plan().population()));
        }
        line.append(String.format(Locale.ROOT, " started %d/%d bound %d renewed %d released %d naks %d done %d",
                counters.started(), settings.clients(), counters.bound(), counters.renewed(), counters.released(),
                counters.naks(), counters.done()));
        if (settings.plan().renewals() > 0) {
            line.append(String.format(Locale.ROOT, " renewals %d/%d answered %d", counters.renewalsOffered(),
                    settings.plan().renewals(), counters.renewalsAnswered()));
        }
        return line.append(" failed ").append(counters.failed()).toString();
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

    /** Client {@code i} of the workload; called on the scheduler thread, in index order (the random draws depend on it). */
    private SimulatedClient create(DeviceSocket socket, Random random, int i, ClientEvents events) {
        byte[] mac = mac(settings.seed(), i);
        Random own = new Random(random.nextLong());
        switch (settings.family()) {
            case "v4" -> {
                Transport t = settings.relayed()
                        ? new V4RelayTransport(socket, (Inet4Address) settings.relayAddress().get(), servers())
                        : socket;
                DhcpV4ClientConfig config = DhcpV4ClientConfig.builder(mac).broadcastFlag(!settings.relayed()).build();
                return addV4(mac, new SimulatedV4Client(i, config, scheduler, t, own, meter, events));
            }
            case "4o6" -> {
                Transport v6 = settings.relayed() ? relay6(socket, mac) : socket;
                List<InetSocketAddress> fouro6Servers = Dhcp4o6Servers.destinations(List.of());
                Transport t = new Dhcp4o6Transport(v6, () -> fouro6Servers);
                DhcpV4ClientConfig config = DhcpV4ClientConfig.builder(mac).build();
                return addV4(mac, new SimulatedV4Client(i, config, scheduler, t, own, meter, events));
            }
            default -> {
                Transport t = settings.relayed() ? relay6(socket, mac) : socket;
                DhcpV6ClientConfig config = DhcpV6ClientConfig.builder(mac).iaNa(1).build();
                SimulatedV6Client c = new SimulatedV6Client(i, config, scheduler, t, own, meter, events);
                byDuid.put(config.duid().toHex(), c);
                return c;
            }
        }
    }

    private List<InetSocketAddress> servers() {
        return settings.servers().stream().map(a -> new InetSocketAddress(a, serverPort())).toList();
    }

    private Transport relay6(DeviceSocket socket, byte[] mac) {
        return new V6RelayTransport(socket, (Inet6Address) settings.relayAddress().get(), mac, servers());
    }

    private int serverPort() {
        if (settings.serverPort() != 0) {
            return settings.serverPort();
        }
        return settings.family().equals("v4") ? V4Destinations.SERVER_PORT : V6Destinations.SERVER_PORT;
    }

    private SimulatedV4Client addV4(byte[] mac, SimulatedV4Client c) {
        byChaddr.put(HexFormat.of().formatHex(mac), c);
        return c;
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
