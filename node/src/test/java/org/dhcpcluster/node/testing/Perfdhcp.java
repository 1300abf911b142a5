package org.dhcpcluster.node.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds and runs an ISC perfdhcp (Kea) DHCPv4 load inside a namespace and returns its parsed
 * report. perfdhcp v4 always behaves as a relay: it puts its local address in giaddr and sends to
 * port 67, so the server answers that address. Two ways to aim it:
 * <ul>
 *   <li>{@link #relayed(String, String)}: unicast from {@code -l LOCALADDR} to the server (from
 *       the relay namespace: local 198.51.100.2, server 198.51.100.1);</li>
 *   <li>{@link #broadcast(String)}: {@code -B -l IF} to 255.255.255.255 on the client segment; the
 *       interface needs an IPv4 address (e.g. 192.0.2.2/24 via {@link NetnsTopology#addAddress}),
 *       which becomes giaddr.</li>
 * </ul>
 * Exit codes 0 (all answered) and 3 (drops) both yield a report; drops are in the report.
 */
public final class Perfdhcp {
    private final List<String> options = new ArrayList<>();
    private List<String> target = List.of();
    private Duration expectedDuration = Duration.ZERO;

    private Perfdhcp() {
    }

    /** A DHCPv4 load (full DORA: DISCOVER-OFFER then REQUEST-ACK). */
    public static Perfdhcp v4() {
        return new Perfdhcp();
    }

    /** Unicast from {@code localAddress} (also giaddr) to {@code server}, like a relay agent. */
    public Perfdhcp relayed(String localAddress, String server) {
        target = List.of("-l", localAddress, server);
        return this;
    }

    /** Broadcast on {@code iface}; giaddr is the interface's IPv4 address. */
    public Perfdhcp broadcast(String iface) {
        target = List.of("-B", "-l", iface, "255.255.255.255");
        return this;
    }

    /** {@code -r}: exchanges initiated per second. */
    public Perfdhcp rate(int perSecond) {
        return option("-r", perSecond);
    }

    /** {@code -R}: number of simulated clients (distinct MAC addresses). */
    public Perfdhcp clients(int count) {
        return option("-R", count);
    }

    /** {@code -n}: stop after this many exchanges are initiated. */
    public Perfdhcp maxExchanges(int count) {
        return option("-n", count);
    }

    /** {@code -p}: test period, whole seconds. */
    public Perfdhcp period(Duration period) {
        expectedDuration = period;
        return option("-p", Math.max(1, period.toSeconds()));
    }

    /** {@code -W}: how long to keep waiting for late answers after the test period. */
    public Perfdhcp exitWait(Duration wait) {
        return option("-W", wait.toNanos() / 1000);
    }

    /**
     * {@code --scenario avalanche}: send DISCOVERs for all {@link #clients} at once and retransmit
     * with back-off until every client has a lease; the report's provisionTime says how long.
     */
    public Perfdhcp avalanche() {
        options.addAll(List.of("--scenario", "avalanche"));
        return this;
    }

    /** Any other perfdhcp arguments, verbatim. */
    public Perfdhcp extra(String... args) {
        options.addAll(List.of(args));
        return this;
    }

    private Perfdhcp option(String flag, long value) {
        options.addAll(List.of(flag, Long.toString(value)));
        return this;
    }

    /** The perfdhcp command line (without the namespace prefix). */
    public List<String> command() {
        if (target.isEmpty()) {
            throw new IllegalStateException("choose relayed(...) or broadcast(...) first");
        }
        List<String> cmd = new ArrayList<>(List.of(Tools.executable("perfdhcp"), "-4"));
        cmd.addAll(options);
        cmd.addAll(target);
        return cmd;
    }

    /** Runs in {@code netns} of {@code topology}, logging to its work directory. */
    public PerfdhcpReport run(NetnsTopology topology, String netns, Duration timeout) {
        return run(netns, topology.workDir(), timeout);
    }

    /**
     * Runs perfdhcp in {@code netns} and parses its report. If it is still running after
     * {@code timeout} it gets SIGINT, on which perfdhcp stops and still prints its statistics.
     * Throws an {@link AssertionError} with the output if perfdhcp failed or reported nothing.
     */
    public PerfdhcpReport run(String netns, Path workDir, Duration timeout) {
        List<String> cmd = command();
        try (NamespacedProcess p = NamespacedProcess.start(netns, workDir, "perfdhcp", cmd)) {
            int exit;
            boolean interrupted = false;
            try {
                exit = p.waitFor(timeout.plus(expectedDuration));
            } catch (AssertionError stillRunning) {
                p.signal("INT");
                interrupted = true;
                exit = p.waitFor(Duration.ofSeconds(15));
            }
            // 0 = every exchange answered, 3 = some dropped: both are measurements (as is whatever
            // an interrupted run printed)
            if (!interrupted && exit != 0 && exit != 3) {
                throw new AssertionError("perfdhcp failed with exit " + exit + "\n" + p.output());
            }
            try {
                return PerfdhcpOutputParser.parse(p.stdout() + "\n" + p.stderr());
            } catch (IllegalArgumentException e) {
                throw new AssertionError("cannot parse perfdhcp output\n" + p.output(), e);
            }
        }
    }
}
