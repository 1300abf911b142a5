package org.dhcpcluster.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.persistence.LeaseJournal4;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.dhcpcluster.lease.testing.PostgresActorSystems;
import org.dhcpcluster.lease.v4.ClientKey4;
import org.dhcpcluster.node.support.NodeProcess;
import org.dhcpcluster.node.support.TestNodes;
import org.dhcpcluster.node.support.TestRelay4;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant "durable before acknowledged": clients complete DORA through three relays while
 * the node process is killed with SIGKILL mid-stream. Every DHCPACK a client received must
 * be in the PostgreSQL journal afterwards, bound to that client, and the restarted node must
 * confirm it to the client.
 */
class AcknowledgedLeasesSurviveSigkillTest {
    private static final String[] RELAYS = {"127.0.0.2", "127.0.0.3", "127.0.0.4"};

    @TempDir
    Path dir;

    private record Acked(ClientMessages4 client, String clientKey, String address) {
    }

    /** DORA for up to 70 clients through one relay, recording every ACK received. */
    private static void runClients(TestRelay4 relay, int relayIndex, AtomicBoolean stop, List<Acked> acked) {
        for (int i = 0; !stop.get() && i < 70; i++) {
            ClientMessages4 c = new ClientMessages4(relayIndex * 1000 + i).via(RELAYS[relayIndex]);
            Optional<DhcpV4Message> offer = relay.exchange(c.discover(), Duration.ofSeconds(2));
            if (offer.isEmpty()) {
                continue;
            }
            Optional<DhcpV4Message> ack = relay.exchange(
                    c.requestSelecting("192.0.2.1", Ipv4.toInt(offer.get().yiaddr())), Duration.ofSeconds(2));
            if (ack.flatMap(DhcpV4Message::messageType).filter(DhcpMessageType.ACK::equals).isPresent()) {
                synchronized (acked) {
                    acked.add(new Acked(c, ClientKey4.text(ClientKey4.of(c.discover())), ack.get().yiaddr().getHostAddress()));
                }
            }
        }
    }

    @Test
    void everyAcknowledgedLeaseIsInTheJournalAfterSigkill() throws Exception {
        DatabaseSettings db = EmbeddedPostgresFixture.freshDatabase();
        int port = TestNodes.freeUdpPort();
        Path config = TestNodes.write(TestNodes.loopbackNode(db, port, "192.0.2.10 - 192.0.2.250", RELAYS), dir);
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);

        List<Acked> acked = new ArrayList<>();
        String nodeLog;
        List<Throwable> senderFailures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        try (NodeProcess node = NodeProcess.start(config, dir, Optional.empty(), Duration.ofSeconds(90))) {
            List<Thread> senders = new ArrayList<>();
            for (int r = 0; r < RELAYS.length; r++) {
                int relayIndex = r;
                Thread t = new Thread(() -> {
                    try (TestRelay4 relay = new TestRelay4(server, RELAYS[relayIndex])) {
                        runClients(relay, relayIndex, stop, acked);
                    } catch (Throwable e) {
                        senderFailures.add(e);
                    }
                });
                t.start();
                senders.add(t);
            }
            // kill while exchanges are in flight
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acked.size() < 60 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            node.kill();
            nodeLog = node.tail();
            stop.set(true);
            for (Thread t : senders) {
                t.join();
            }
        }
        assertTrue(senderFailures.isEmpty(), "client threads failed: " + senderFailures);
        assertTrue(acked.size() >= 60, "clients should have been acknowledged before the kill, got " + acked.size() + "; node log:\n" + nodeLog);

        ActorSystem<Void> reader = PostgresActorSystems.start("reader", db);
        try {
            Map<String, LeaseJournal4.Binding> journal = new LeaseJournal4(reader).bindings(System.currentTimeMillis())
                    .toCompletableFuture().get().stream()
                    .collect(Collectors.toMap(LeaseJournal4.Binding::addressText, Function.identity()));
            for (Acked a : acked) {
                LeaseJournal4.Binding b = journal.get(a.address);
                assertTrue(b != null, "ACKed " + a.address + " is missing from the journal");
                assertEquals(a.clientKey, b.clientKey(), "ACKed " + a.address + " is recorded for another client");
                assertEquals("bound", b.state());
            }
        } finally {
            PostgresActorSystems.stop(reader);
        }

        try (NodeProcess node = NodeProcess.start(config, dir, Optional.empty(), Duration.ofSeconds(90));
             TestRelay4 relay = new TestRelay4(server, RELAYS[0])) {
            for (Acked a : acked.subList(0, 10)) {
                ClientMessages4 c = a.client.newTransaction().via(RELAYS[0]);
                DhcpV4Message ack = relay.exchange(c.requestInitReboot(a.address), Duration.ofSeconds(5))
                        .orElseThrow(() -> new AssertionError("restarted node did not answer " + a.address + ":\n" + node.tail()));
                assertEquals(DhcpMessageType.ACK, ack.messageType().orElseThrow());
                assertEquals(a.address, ack.yiaddr().getHostAddress());
            }
        }
    }
}
