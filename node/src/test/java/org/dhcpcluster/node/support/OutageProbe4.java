package org.dhcpcluster.node.support;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;

/**
 * Measures how long clients go unanswered around an event (a node killed, stopped, cut off),
 * finer than client retransmissions (4, 8, 16 s) can: a fixed set of probe clients, spread over
 * the shards like any clients, each sends a DISCOVER every {@link #ROUND} through one relay
 * socket. A client's gap is from its last OFFER before the event to its first after; the
 * longest gap is what the clients whose shards lived on the lost node waited.
 */
public final class OutageProbe4 implements AutoCloseable {
    static final Duration ROUND = Duration.ofMillis(250);

    private final TestRelay4 relay;
    private final List<ClientMessages4> clients = new ArrayList<>();
    private final Map<Integer, List<Long>> answeredAt = new HashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    /** Starts probing at once. */
    public OutageProbe4(InetSocketAddress server, String relayAddress, int clientCount, int firstClientId) {
        this.relay = new TestRelay4(server, relayAddress);
        for (int i = 0; i < clientCount; i++) {
            clients.add(new ClientMessages4(firstClientId + i).via(relayAddress));
            answeredAt.put(i, new ArrayList<>());
        }
        this.thread = new Thread(this::probe, "outage-probe");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void probe() {
        while (!stop.get()) {
            long roundStart = System.nanoTime();
            Map<Integer, Integer> clientByXid = new HashMap<>();
            for (int i = 0; i < clients.size(); i++) {
                DhcpV4Message discover = clients.get(i).newTransaction().discover();
                clientByXid.put(discover.xid(), i);
                relay.send(discover);
            }
            long roundEnd = roundStart + ROUND.toNanos();
            for (long left = roundEnd - System.nanoTime(); left > 0; left = roundEnd - System.nanoTime()) {
                Optional<DhcpV4Message> reply = relay.receive(Duration.ofNanos(left));
                if (reply.isPresent() && reply.get().messageType().orElse(null) == DhcpMessageType.OFFER) {
                    Integer client = clientByXid.remove(reply.get().xid());
                    if (client != null) {
                        synchronized (answeredAt) {
                            answeredAt.get(client).add(System.nanoTime());
                        }
                    }
                }
            }
        }
    }

    /** Blocks until every probe client has been answered at least once (the cluster serves). */
    public void awaitAllAnswered(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (answeredAt) {
                if (answeredAt.values().stream().noneMatch(List::isEmpty)) {
                    return;
                }
            }
            sleep(ROUND.toMillis());
        }
        throw new AssertionError("not every probe client was answered within " + within);
    }

    /** What the probe saw around an event at {@code eventNanos} (a {@link System#nanoTime()}). */
    public record Gaps(long longestMillis, int clientsDelayedOverOneSecond, int clientsNeverAnsweredAgain, int clients) {
        @Override
        public String toString() {
            return "longest gap " + longestMillis + " ms; " + clientsDelayedOverOneSecond + " of " + clients
                    + " probe clients waited over 1 s; " + clientsNeverAnsweredAgain + " never answered again";
        }
    }

    public Gaps gapsAround(long eventNanos) {
        long longest = 0;
        int delayed = 0;
        int never = 0;
        synchronized (answeredAt) {
            for (List<Long> times : answeredAt.values()) {
                long before = times.stream().filter(t -> t <= eventNanos).mapToLong(Long::longValue).max().orElse(eventNanos);
                Optional<Long> after = times.stream().filter(t -> t > eventNanos).findFirst();
                if (after.isEmpty()) {
                    never++;
                    continue;
                }
                long gapMillis = (after.get() - before) / 1_000_000;
                longest = Math.max(longest, gapMillis);
                if (gapMillis > 1_000) {
                    delayed++;
                }
            }
        }
        return new Gaps(longest, delayed, never, clients.size());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop.set(true);
        try {
            thread.join(ROUND.toMillis() * 4);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        relay.close();
    }
}
