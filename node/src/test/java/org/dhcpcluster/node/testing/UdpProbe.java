package org.dhcpcluster.node.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves that UDP datagrams cross between two namespaces, without ping or netcat: a tiny JVM
 * program run in each namespace, one echoing a datagram, the other sending until it gets the echo
 * back (retrying, so there is no race with the echo side binding its socket).
 */
public final class UdpProbe {
    private static final int TIMED_OUT = 2;

    private UdpProbe() {
    }

    /**
     * Sends a datagram from {@code fromNs} to {@code toAddress}:{@code port}, where a probe in
     * {@code toNs} echoes it; returns normally only if the echo came back, otherwise throws an
     * {@link AssertionError} with both sides' output.
     */
    public static void roundTrip(String fromNs, String toNs, String toAddress, int port, Path workDir, Duration timeout) {
        try (NamespacedProcess echo = NamespacedProcess.start(toNs, workDir, "udp-echo",
                java("echo", Integer.toString(port), Long.toString(timeout.toMillis())));
                NamespacedProcess ping = NamespacedProcess.start(fromNs, workDir, "udp-ping",
                        java("ping", toAddress, Integer.toString(port), Long.toString(timeout.toMillis())))) {
            Duration bound = timeout.plusSeconds(10); // JVM start-up on top of the probe's own timeout
            int pingExit = ping.waitFor(bound);
            int echoExit = echo.waitFor(bound);
            if (pingExit != 0 || echoExit != 0) {
                throw new AssertionError("no UDP round trip " + fromNs + " -> " + toNs + " " + toAddress + ":" + port
                        + "\n" + ping.output() + echo.output());
            }
        }
    }

    // this class only needs the JDK, so its own classpath entry is enough
    private static List<String> java(String... args) {
        try {
            String cp = Path.of(UdpProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                    "-cp", cp, UdpProbe.class.getName()));
            cmd.addAll(List.of(args));
            return cmd;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code echo PORT TIMEOUT_MS} or {@code ping HOST PORT TIMEOUT_MS}; exit 0 on success, 2 on time-out. */
    public static void main(String[] args) throws IOException {
        int code = switch (args[0]) {
            case "echo" -> echo(Integer.parseInt(args[1]), Long.parseLong(args[2]));
            case "ping" -> ping(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]));
            default -> throw new IllegalArgumentException("usage: echo PORT TIMEOUT_MS | ping HOST PORT TIMEOUT_MS");
        };
        System.exit(code);
    }

    private static int echo(int port, long timeoutMs) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(port))) {
            s.setSoTimeout((int) timeoutMs);
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            s.receive(p);
            s.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
            System.out.println("echoed " + p.getLength() + " bytes to " + p.getSocketAddress());
            return 0;
        } catch (SocketTimeoutException e) {
            System.out.println("nothing received within " + timeoutMs + " ms");
            return TIMED_OUT;
        }
    }

    private static int ping(String host, int port, long timeoutMs) throws IOException {
        byte[] payload = "dct-udp-probe".getBytes(StandardCharsets.US_ASCII);
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(200); // resend every 200 ms until the echo side is listening
            InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(host), port);
            while (System.nanoTime() < deadline) {
                s.send(new DatagramPacket(payload, payload.length, to));
                DatagramPacket reply = new DatagramPacket(new byte[1500], 1500);
                try {
                    s.receive(reply);
                    System.out.println("reply of " + reply.getLength() + " bytes from " + reply.getSocketAddress());
                    return 0;
                } catch (SocketTimeoutException e) {
                    // echo side not listening yet (or datagram lost): send again
                }
            }
        }
        System.out.println("no reply from " + host + ":" + port + " within " + timeoutMs + " ms");
        return TIMED_OUT;
    }
}
