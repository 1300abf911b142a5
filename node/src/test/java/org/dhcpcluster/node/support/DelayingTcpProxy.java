package org.dhcpcluster.node.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay that holds every byte coming back from the target for a configurable time before
 * passing it on: a database that answers N ms late, as {@code tc netem delay} on its interface
 * would make it (this kernel has no netem). Run as its own process in deploy/cluster/netns-cluster.sh's
 * database namespace (PG_PROXY_CMD):
 *
 * <pre>
 *   java -cp TEST_CLASSPATH org.dhcpcluster.node.support.DelayingTcpProxy LISTEN_PORT TARGET_PORT DELAY_FILE
 * </pre>
 *
 * Listens on every address at LISTEN_PORT and relays to 127.0.0.1:TARGET_PORT. DELAY_FILE holds the
 * delay in milliseconds (absent or empty: none) and is read again every 100 ms, so a test can
 * slow the database down and speed it up under load. Bytes keep their order; throughput is not
 * limited, only latency added. Prints {@code proxy ready} once listening.
 */
public final class DelayingTcpProxy {
    private static final byte[] END = new byte[0];

    private final int targetPort;
    private final Path delayFile;
    private volatile long delayMillis;

    private DelayingTcpProxy(int targetPort, Path delayFile) {
        this.targetPort = targetPort;
        this.delayFile = delayFile;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: DelayingTcpProxy LISTEN_PORT TARGET_PORT DELAY_FILE");
            System.exit(2);
        }
        DelayingTcpProxy proxy = new DelayingTcpProxy(Integer.parseInt(args[1]), Path.of(args[2]));
        daemon("delay-file", proxy::followDelayFile).start();
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(Integer.parseInt(args[0])));
            System.out.println("proxy ready port=" + args[0] + " target=127.0.0.1:" + args[1]);
            System.out.flush();
            while (true) {
                Socket client = server.accept();
                daemon("connection", () -> proxy.relay(client)).start();
            }
        }
    }

    private void followDelayFile() {
        while (true) {
            try {
                String text = Files.exists(delayFile) ? Files.readString(delayFile).strip() : "";
                long d = text.isEmpty() ? 0 : Long.parseLong(text);
                if (d != delayMillis) {
                    System.out.println("delay " + d + " ms");
                    System.out.flush();
                    delayMillis = d;
                }
                Thread.sleep(100);
            } catch (IOException | NumberFormatException e) {
                // a file being rewritten: keep the last delay, read again shortly
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket target = new Socket("127.0.0.1", targetPort)) {
            client.setTcpNoDelay(true);
            target.setTcpNoDelay(true);
            Thread up = daemon("to-target", () -> pump(client, target, false));
            up.start();
            pump(target, client, true);
            up.join();
        } catch (IOException | InterruptedException e) {
            // the client or the database went away: the connection ends, as it would without us
        }
    }

    /** Copies {@code from} to {@code to}; with {@code delayed}, each chunk leaves {@link #delayMillis} after it arrived. */
    private void pump(Socket from, Socket to, boolean delayed) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread writer = daemon("writer", () -> write(queue, to));
        writer.start();
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                long due = System.nanoTime() + (delayed ? TimeUnit.MILLISECONDS.toNanos(delayMillis) : 0);
                queue.add(new Chunk(due, Arrays.copyOf(buffer, n)));
            }
        } catch (IOException e) {
            // closed: pass the end on
        }
        queue.add(new Chunk(0, END));
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(BlockingQueue<Chunk> queue, Socket to) {
        try {
            OutputStream out = to.getOutputStream();
            while (true) {
                Chunk c = queue.take();
                if (c.bytes == END) {
                    to.shutdownOutput();
                    return;
                }
                long wait = c.due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                out.write(c.bytes);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            try {
                to.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    private record Chunk(long due, byte[] bytes) {
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, "proxy-" + name);
        t.setDaemon(true);
        return t;
    }
}
