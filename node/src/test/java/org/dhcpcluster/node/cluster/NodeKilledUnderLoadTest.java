package org.dhcpcluster.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.node.support.LeaseApiPages;
import org.dhcpcluster.node.support.LocalClusterScript;
import org.dhcpcluster.node.support.ManagementToken;
import org.dhcpcluster.node.support.OutageProbe4;
import org.dhcpcluster.node.support.TestRelay4;
import org.dhcpcluster.node.testing.Poll;
import org.dhcpcluster.node.testing.Tools;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of one of three node processes under load. Relayed clients keep running DORA
 * through the two other nodes, retransmitting on RFC 2131's schedule (4, 8, 16, 32 s). Clients
 * whose lease entities lived on the killed node wait until the failure detector notices, the
 * split-brain resolver downs it and their shards are reallocated; the test prints that wait.
 * Whatever the wait, every client gets its lease within its retransmissions, no ACKed lease is
 * lost, and the lease history shows no address bound to two clients at once.
 */
class NodeKilledUnderLoadTest {
    private static final List<String> RELAYS = List.of("127.0.0.2", "127.0.0.3");
    private static final int[] RETRANSMIT_SECONDS = {4, 8, 16, 32};
    /** The third relay address the launcher's nodes accept (workers use the first two). */
    private static final String PROBE_RELAY = "127.0.0.4";

    private OutageProbe4 probe;

    @TempDir
    Path state;

    private final Map<String, String> acked = new ConcurrentHashMap<>();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicLong longestMillis = new AtomicLong();

    private Optional<DhcpV4Message> withRetransmissions(TestRelay4 relay, DhcpV4Message m) {
        for (int i = 0; i < RETRANSMIT_SECONDS.length; i++) {
            Optional<DhcpV4Message> reply = relay.exchange(m, Duration.ofSeconds(RETRANSMIT_SECONDS[i]));
            if (reply.isPresent()) {
                return reply;
            }
            retried.incrementAndGet();
        }
        return Optional.empty();
    }

    private final AtomicBoolean stop = new AtomicBoolean();

    private void clients(int worker) {
        String relayAddress = RELAYS.get(worker);
        // worker 0 talks to node 2, worker 1 to node 3 (node i listens on 127.0.0.(10+i):1067)
        try (TestRelay4 relay = new TestRelay4(new InetSocketAddress("127.0.0." + (12 + worker), 1067), relayAddress)) {
            for (int n = 0; !stop.get(); n++) {
                ClientMessages4 c = new ClientMessages4(200_000 + worker * 20_000 + n).via(relayAddress);
                long started = System.nanoTime();
                Optional<DhcpV4Message> offer = withRetransmissions(relay, c.newTransaction().discover());
                Optional<DhcpV4Message> ack = offer.flatMap(o -> withRetransmissions(relay,
                        c.requestSelecting("192.0.2.1", Ipv4.toInt(o.yiaddr()))));
                longestMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                if (ack.isPresent() && ack.get().messageType().orElseThrow().equals(DhcpMessageType.ACK)) {
                    acked.put(c.macText(), ack.get().yiaddr().getHostAddress());
                } else {
                    failed.incrementAndGet();
                }
            }
        }
    }

    @Test
    void aKilledNodeLosesNoAcknowledgedLeaseAndItsClientsAreServedAgain() throws Exception {
        Tools.requireCommands("bash", "curl", "setsid");
        LocalClusterScript script = new LocalClusterScript(state);
        try {
            LocalClusterScript.Result start = script.run(240, "start", "3");
            assertEquals(0, start.exitCode(), start.output());
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < RELAYS.size(); w++) {
                int worker = w;
                Thread t = new Thread(() -> clients(worker), "client-" + w);
                t.start();
                workers.add(t);
            }
            Poll.until(Duration.ofSeconds(60), () -> acked.size() >= 30, () -> "no load before the kill");
            probe = new OutageProbe4(new InetSocketAddress("127.0.0.12", 1067), PROBE_RELAY, 40, 900_000);
            probe.awaitAllAnswered(Duration.ofSeconds(30));
            int before = acked.size();
            long killedAt = System.nanoTime();
            Instant killedAtWallClock = Instant.now(); // to read the nodes' logs against
            new ProcessBuilder("kill", "-KILL", Long.toString(script.pid(1))).start().waitFor();
            // Keep the load on until 100 more clients are through (or everyone waited 3 minutes).
            Poll.until(Duration.ofMinutes(3), () -> acked.size() + failed.get() >= before + 100,
                    () -> "only " + (acked.size() - before) + " leases after the kill");
            Poll.until(Duration.ofMinutes(1), () -> probe.gapsAround(killedAt).clientsNeverAnsweredAgain() == 0,
                    () -> "probe clients not served again: " + probe.gapsAround(killedAt));
            stop.set(true);
            for (Thread t : workers) {
                t.join(Duration.ofMinutes(5).toMillis());
            }
            System.out.printf("SIGKILL of node 1 at %s after %d leases: %d ACKed, %d failed after all retransmissions, "
                    + "%d retransmissions, longest DORA %d ms%n", killedAtWallClock, before, acked.size(), failed.get(), retried.get(),
                    longestMillis.get());
            System.out.println("SIGKILL of node 1, probe clients (DISCOVER every 250 ms): " + probe.gapsAround(killedAt));
            assertEquals(0, failed.get(), "every client is served within RFC 2131's retransmissions, however long the wait");
            assertEquals(new HashSet<>(acked.values()).size(), acked.size(), "no address ACKed to two clients");
            Set<String> bound = boundAddresses();
            assertTrue(bound.containsAll(acked.values()), "every ACKed lease is in the server's records");
            // The listing has one row per address and cannot show a double binding; the history can.
            assertEquals("[]", LeaseApiPages.overlaps(NodeKilledUnderLoadTest::get, "v4"),
                    "addresses bound to two clients at once, by the lease history");
        } finally {
            if (probe != null) {
                probe.close();
            }
            script.run(120, "stop");
        }
    }

    private static final Pattern BOUND = Pattern.compile("\\{\"address\":\"([^\"]+)\",\"client\":\"[^\"]+\",\"state\":\"bound\"");

    /** Bound addresses from a surviving node's lease API (node 2, management port 8072). */
    private static Set<String> boundAddresses() {
        String body = LeaseApiPages.all(NodeKilledUnderLoadTest::get, "/api/v4/leases").orElseThrow();
        Set<String> bound = new HashSet<>();
        Matcher m = BOUND.matcher(body);
        while (m.find()) {
            bound.add(m.group(1));
        }
        return bound;
    }

    private static Optional<String> get(String path) {
        return ManagementToken.get(8072, path);
    }
}
