package org.dhcpcluster.node.support;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.OptionCode;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;

/**
 * A DHCPv4 relay agent with simulated clients behind it, run as its own process in the relay
 * namespace of deploy/cluster/netns-cluster.sh:
 *
 * <pre>
 *   java -cp TEST_CLASSPATH org.dhcpcluster.node.support.RelayedLoad4 \
 *        SERVERS RELAYS RATE RENEW_SECONDS FIRST_CLIENT STOP_FILE [POPULATION [spread]]
 * </pre>
 *
 * Like dhcrelay configured with several servers, it forwards every client message to every
 * server in SERVERS (comma-separated), and takes the first answer; with {@code spread}, each
 * client talks to one server only (client number modulo the servers), as behind a load balancer.
 * RATE clients a second run DORA, their giaddr taking turns over RELAYS (one socket on port 67
 * each); every bound client renews every RENEW_SECONDS (a RENEWING-state REQUEST with ciaddr; 0:
 * never). With POPULATION, client numbers cycle through that many hardware addresses, so a high
 * rate does not exhaust the pools (a client still busy with its previous exchange is skipped). Each step is retransmitted
 * as RFC 2131 section 4.1 says, after 4, 8 and 16 s, before the exchange counts as failed. It
 * stops starting exchanges when STOP_FILE exists, lets those in flight finish, prints a
 * {@code done} line and exits.
 *
 * <p>One line per outcome on stdout, for the test to read ({@code ms} = epoch milliseconds):
 * <pre>
 *   ack   MS new|renew MAC ADDRESS FROM_NODE EXCHANGE_MILLIS
 *   nak   MS new|renew MAC MILLIS REASON   (the NAK's message, spaces as _)
 *   fail  MS new|renew MAC EXCHANGE_MILLIS
 *   extra MS FROM_NODE      (a further answer to a transaction already answered: a late
 *                           answer to a datagram that has been retransmitted since, say)
 *   duplicate MS FROM_NODE XID  (more answers to a transaction than it sent datagrams: one
 *                           datagram, fanned out to several nodes, answered by two of them)
 *   done  started=N acked=N renewed=N failed=N naks=N extra=N duplicates=N
 * </pre>
 */
public final class RelayedLoad4 {
    private static final int[] RETRANSMIT_SECONDS = {4, 8, 16};
    private static final String SERVICE_ADDRESS = "192.0.2.1";

    private final List<InetAddress> servers;
    private final List<DatagramSocket> sockets;
    private final List<String> relays;
    private final int population;
    private final boolean spread;
    private final Set<Integer> busy = ConcurrentHashMap.newKeySet();
    private final Map<Integer, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
    /** Per xid: datagrams sent (one per retransmission, whatever the fan-out) and answers received. */
    private final Map<Integer, int[]> sentAndAnswered = new ConcurrentHashMap<>();
    private final ExecutorService exchanges = Executors.newCachedThreadPool(daemon("exchange"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("timer"));
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger acked = new AtomicInteger();
    private final AtomicInteger renewed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger naks = new AtomicInteger();
    private final AtomicInteger extra = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final PrintStream out = System.out;

    private record Reply(DhcpV4Message message, String from) {
    }

    /** Which relay socket a client's messages leave from, and which servers they go to. */
    private record Route(DatagramSocket socket, List<InetAddress> servers) {
    }

    private RelayedLoad4(List<InetAddress> servers, List<String> relays, int population, boolean spread) throws IOException {
        this.servers = servers;
        this.relays = relays;
        this.population = population;
        this.spread = spread;
        this.sockets = new ArrayList<>();
        for (String relay : relays) {
            sockets.add(new DatagramSocket(new InetSocketAddress(relay, 67)));
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6 || args.length > 8) {
            System.err.println("usage: RelayedLoad4 SERVERS RELAYS RATE RENEW_SECONDS FIRST_CLIENT STOP_FILE [POPULATION [spread]]");
            System.exit(2);
        }
        List<InetAddress> servers = Arrays.stream(args[0].split(",")).map(s -> (InetAddress) Ipv4.parse(s)).toList();
        RelayedLoad4 load = new RelayedLoad4(servers, List.of(args[1].split(",")), args.length > 6 ? Integer.parseInt(args[6]) : 0,
                args.length > 7 && args[7].equals("spread"));
        load.run(Double.parseDouble(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]), Path.of(args[5]));
        System.exit(0);
    }

    private void run(double rate, int renewSeconds, int firstClient, Path stopFile) throws InterruptedException {
        for (DatagramSocket s : sockets) {
            Thread t = daemon("receive").newThread(() -> receive(s));
            t.start();
        }
        long intervalNanos = (long) (1e9 / rate);
        long next = System.nanoTime();
        for (int n = 0; !Files.exists(stopFile); n++) {
            int client = firstClient + (population > 0 ? n % population : n);
            String relay = relays.get(n % relays.size());
            DatagramSocket socket = sockets.get(n % sockets.size());
            List<InetAddress> to = spread ? List.of(servers.get(n % servers.size())) : servers;
            if (busy.add(client)) {
                started.incrementAndGet();
                submit(() -> {
                    try {
                        newClient(new ClientMessages4(client).via(relay), new Route(socket, to), renewSeconds);
                    } finally {
                        busy.remove(client);
                    }
                });
            }
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        stopping.set(true);
        // exchanges in flight finish (at most the retransmission schedule, 28 s per step)
        for (int i = 0; i < 700 && inFlight.get() > 0; i++) {
            Thread.sleep(100);
        }
        print("done started=%d acked=%d renewed=%d failed=%d naks=%d extra=%d duplicates=%d", started.get(), acked.get(),
                renewed.get(), failed.get(), naks.get(), extra.get(), duplicates.get());
        out.flush();
    }

    private void submit(Runnable exchange) {
        inFlight.incrementAndGet();
        exchanges.execute(() -> {
            try {
                exchange.run();
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    private void newClient(ClientMessages4 c, Route route, int renewSeconds) {
        long t0 = System.nanoTime();
        Optional<Reply> offer = exchange(route, c.newTransaction().discover());
        Optional<Reply> ack = offer.flatMap(o -> exchange(route,
                c.requestSelecting(SERVICE_ADDRESS, Ipv4.toInt(o.message().yiaddr()))));
        if (outcome("new", c, ack, t0) && renewSeconds > 0) {
            scheduleRenew(c, route, ack.get().message().yiaddr().getHostAddress(), renewSeconds);
        }
    }

    private void scheduleRenew(ClientMessages4 c, Route route, String address, int renewSeconds) {
        timer.schedule(() -> {
            if (!stopping.get()) {
                submit(() -> {
                    long t0 = System.nanoTime();
                    Optional<Reply> ack = exchange(route, c.newTransaction().requestRenewing(address));
                    if (outcome("renew", c, ack, t0)) {
                        scheduleRenew(c, route, ack.get().message().yiaddr().getHostAddress(), renewSeconds);
                    }
                });
            }
        }, renewSeconds, TimeUnit.SECONDS);
    }

    /** Prints the outcome; true for an ACK. */
    private boolean outcome(String kind, ClientMessages4 c, Optional<Reply> reply, long t0) {
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (reply.isEmpty()) {
            failed.incrementAndGet();
            print("fail %d %s %s %d", System.currentTimeMillis(), kind, c.macText(), millis);
            return false;
        }
        DhcpV4Message m = reply.get().message();
        if (!m.messageType().filter(DhcpMessageType.ACK::equals).isPresent()) {
            naks.incrementAndGet();
            // The server's reason (option 56) names what went wrong when a test sees the NAK.
            String why = m.options().get(OptionCode.MESSAGE).map(b -> new String(b, StandardCharsets.US_ASCII)).orElse("-");
            print("nak %d %s %s %d %s", System.currentTimeMillis(), kind, c.macText(), millis, why.replaceAll("\\s", "_"));
            return false;
        }
        (kind.equals("new") ? acked : renewed).incrementAndGet();
        print("ack %d %s %s %s %s %d", System.currentTimeMillis(), kind, c.macText(), m.yiaddr().getHostAddress(),
                reply.get().from(), millis);
        return true;
    }

    /** Sends to every server and waits for the first answer, retransmitting on RFC 2131's schedule. */
    private Optional<Reply> exchange(Route route, DhcpV4Message m) {
        byte[] bytes = DhcpV4Codec.encode(m, DhcpV4Codec.DEFAULT_MAX_PAYLOAD);
        for (int wait : RETRANSMIT_SECONDS) {
            CompletableFuture<Reply> answer = new CompletableFuture<>();
            pending.put(m.xid(), answer);
            sentAndAnswered.computeIfAbsent(m.xid(), x -> new int[2])[0]++;
            for (InetAddress server : route.servers()) {
                try {
                    route.socket().send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(server, 67)));
                } catch (IOException e) {
                    // an unreachable server is what retransmission is for
                }
            }
            try {
                return Optional.of(answer.get(wait, TimeUnit.SECONDS));
            } catch (TimeoutException e) {
                pending.remove(m.xid(), answer);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return Optional.empty();
    }

    private void receive(DatagramSocket socket) {
        byte[] buf = new byte[4096];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                DhcpV4Message m = DhcpV4Codec.decode(Arrays.copyOf(buf, p.getLength()));
                String from = p.getAddress().getHostAddress();
                int[] counts = sentAndAnswered.computeIfAbsent(m.xid(), x -> new int[2]);
                if (++counts[1] > counts[0]) {
                    duplicates.incrementAndGet();
                    print("duplicate %d %s %d", System.currentTimeMillis(), from, m.xid());
                }
                CompletableFuture<Reply> waiting = pending.remove(m.xid());
                if (waiting == null || !waiting.complete(new Reply(m, from))) {
                    extra.incrementAndGet();
                    print("extra %d %s", System.currentTimeMillis(), from);
                }
            } catch (IOException | DecodeException e) {
                print("error %d %s", System.currentTimeMillis(), e.toString().replace(' ', '_'));
            }
        }
    }

    private void print(String format, Object... args) {
        synchronized (out) {
            out.println(String.format(format, args));
            out.flush();
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
