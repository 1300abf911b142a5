package org.dhcpcluster.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.dhcpcluster.lease.persistence.LeaseJournal4;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.dhcpcluster.node.support.LocalCluster;
import org.dhcpcluster.node.support.OutageProbe4;
import org.dhcpcluster.node.support.TestRelay4;
import org.dhcpcluster.node.testing.Poll;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.junit.jupiter.api.Test;

/**
 * A node leaves the cluster under load (coordinated shutdown, what SIGTERM runs: sockets
 * close, the node leaves, its shards, the coordinator among them, move to the others). Relayed
 * clients keep running DORA through the two remaining nodes, retransmitting as a client would
 * (up to four tries per step), before, during and after the departure. No exchange may fail
 * after its retries, and the journal must hold every ACKed lease, each address bound once.
 */
class NodeLeavingUnderLoadTest {
    private static final List<String> RELAYS = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");
    /** The outage probe's relay, beside the workers' (each relay address is one socket per node port). */
    private static final String PROBE_RELAY = "127.0.0.5";
    private static final Duration TRY = Duration.ofSeconds(3);
    private static final int TRIES = 4;

    private final Map<String, String> acked = new ConcurrentHashMap<>();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();

    private static Optional<DhcpV4Message> withRetries(TestRelay4 relay, DhcpV4Message m) {
        for (int i = 0; i < TRIES; i++) {
            Optional<DhcpV4Message> reply = relay.exchange(m, TRY);
            if (reply.isPresent()) {
                return reply;
            }
        }
        return Optional.empty();
    }

    private void clients(LocalCluster cluster, int worker) {
        String relayAddress = RELAYS.get(worker);
        try (TestRelay4 viaNode2 = new TestRelay4(new InetSocketAddress("127.0.0.1", cluster.port4(2)), relayAddress);
             TestRelay4 viaNode3 = new TestRelay4(new InetSocketAddress("127.0.0.1", cluster.port4(3)), relayAddress)) {
            for (int n = 0; !stop.get(); n++) {
                TestRelay4 relay = n % 2 == 0 ? viaNode2 : viaNode3;
                ClientMessages4 c = new ClientMessages4(100_000 + worker * 20_000 + n).via(relayAddress);
                Optional<DhcpV4Message> offer = withRetries(relay, c.newTransaction().discover());
                Optional<DhcpV4Message> ack = offer.flatMap(o -> withRetries(relay, c.requestSelecting("192.0.2.1", Ipv4.toInt(o.yiaddr()))));
                if (ack.isPresent() && ack.get().messageType().orElseThrow().equals(DhcpMessageType.ACK)) {
                    acked.put(c.macText(), ack.get().yiaddr().getHostAddress());
                } else {
                    failed.incrementAndGet();
                }
            }
        }
    }

    @Test
    void aNodeLeavingUnderLoadLosesNoAcknowledgedLeaseAndFailsNoExchange() throws Exception {
        List<String> relays = new ArrayList<>(RELAYS);
        relays.add(PROBE_RELAY);
        try (LocalCluster cluster = LocalCluster.start(EmbeddedPostgresFixture.freshDatabase(), 3, relays.toArray(String[]::new));
             OutageProbe4 probe = new OutageProbe4(new InetSocketAddress("127.0.0.1", cluster.port4(2)), PROBE_RELAY, 40, 800_000)) {
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < RELAYS.size(); w++) {
                int worker = w;
                Thread t = new Thread(() -> clients(cluster, worker), "client-" + w);
                t.start();
                workers.add(t);
            }
            // Under way before, and still going after: node 1 leaves once 50 leases are in, and the
            // load stops only when 100 more have been ACKed by the two remaining nodes.
            Poll.until(Duration.ofSeconds(60), () -> acked.size() >= 50, () -> "no load before node 1 left");
            probe.awaitAllAnswered(Duration.ofSeconds(30));
            long leftAt = System.nanoTime();
            cluster.node(1).close();
            int before = acked.size();
            Poll.until(Duration.ofSeconds(120), () -> acked.size() >= before + 100 || failed.get() > 0,
                    () -> "only " + (acked.size() - before) + " leases after node 1 left");
            stop.set(true);
            for (Thread t : workers) {
                t.join(TimeUnit.MINUTES.toMillis(2));
            }
            System.out.printf("node 1 left after %d leases; %d leases ACKed in all, %d exchanges failed%n", before, acked.size(), failed.get());
            System.out.println("node 1 left, probe clients (DISCOVER every 250 ms): " + probe.gapsAround(leftAt));
            assertEquals(0, failed.get(), "exchanges that failed after the clients' retransmissions");
            assertTrue(acked.size() > before, "clients were served after node 1 left");

            LeaseJournal4 journal = new LeaseJournal4(cluster.node(2).system());
            long now = System.currentTimeMillis();
            // The whole history of every address, not one record per address: a double binding
            // would show here even if one of the two had ended since.
            assertEquals(List.of(), journal.boundTwice(now).toCompletableFuture().get(30, TimeUnit.SECONDS));
            Set<String> bound = new HashSet<>();
            for (LeaseJournal4.Binding b : journal.bindings(now).toCompletableFuture().get(30, TimeUnit.SECONDS)) {
                if (b.state().equals("bound")) {
                    bound.add(b.addressText());
                }
            }
            assertEquals(acked.size(), new HashSet<>(acked.values()).size(), "no address ACKed to two clients");
            assertTrue(bound.containsAll(acked.values()), "every ACKed lease is in the journal");
        }
    }
}
