package org.dhcpcluster.node.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds and runs an ISC perfdhcp (Kea) load inside a namespace and returns its parsed report.
 *
 * <p>DHCPv4 ({@link #v4()}): perfdhcp always behaves as a relay: it puts its local address in
 * giaddr and sends to port 67, so the server answers that address. Two ways to aim it:
 * <ul>
 *   <li>{@link #relayed(String, String)}: unicast from {@code -l LOCALADDR} to the server (from
 *       the relay namespace: local 198.51.100.2, server 198.51.100.1);</li>
 *   <li>{@link #broadcast(String)}: {@code -B -l IF} to 255.255.255.255 on the client segment; the
 *       interface needs an IPv4 address (e.g. 192.0.2.2/24 via {@link NetnsTopology#addAddress}),
 *       which becomes giaddr.</li>
 * </ul>
 *
 * <p>DHCPv6 ({@link #v6()}), SOLICIT-ADVERTISE then REQUEST-REPLY:
 * <ul>
 *   <li>{@link #multicast(String)}: as a client, {@code -l IF} from the interface's link-local
 *       address, port 546, to ff02::1:2 (perfdhcp's "all"); run it on the client segment;</li>
 *   <li>{@link #relayed(String, String)}: as one relay agent, {@code -A 1 -l LOCALADDR SERVER}:
 *       every message goes as a RELAY-FORW from LOCALADDR port 547 to the server, with
 *       LOCALADDR as both link-address and peer-address. From the relay namespace use the relay's
 *       address on the relayed link (2001:db8:2::1, which the server routes to the relay), so the
 *       server selects the relayed link's subnet as it would for a real relay there.</li>
 * </ul>
 * Both bind the client or server port in their namespace: nothing else may hold it meanwhile.
 *
 * <p>Exit codes 0 (all answered) and 3 (drops) both yield a report; drops are in the report.
 */
public final class Perfdhcp {
    private final boolean v6;
    private final List<String> options = new ArrayList<>();
    private List<String> target = List.of();
    private Duration expectedDuration = Duration.ZERO;

    private Perfdhcp(boolean v6) {
        this.v6 = v6;
    }

    /** A DHCPv4 load (full DORA: DISCOVER-OFFER then REQUEST-ACK). */
    public static Perfdhcp v4() {
        return new Perfdhcp(false);
    }

    /** A DHCPv6 load (full 4-way exchange: SOLICIT-ADVERTISE then REQUEST-REPLY). */
    public static Perfdhcp v6() {
        return new Perfdhcp(true);
    }

    /**
     * Like a relay agent, unicast from {@code localAddress} to {@code server}. v4: the local
     * address is also giaddr. v6: one level of relay encapsulation ({@code -A 1}); the local
     * address is also the RELAY-FORW's link-address, which the server selects the subnet by.
     */
    public Perfdhcp relayed(String localAddress, String server) {
        target = v6 ? List.of("-A", "1", "-l", localAddress, server) : List.of("-l", localAddress, server);
        return this;
    }

    /** v4 only: broadcast on {@code iface}; giaddr is the interface's IPv4 address. */
    public Perfdhcp broadcast(String iface) {
        if (v6) {
            throw new IllegalStateException("DHCPv6 has no broadcast: use multicast(iface)");
        }
        target = List.of("-B", "-l", iface, "255.255.255.255");
        return this;
    }

    /**
     * v6 only: as directly attached clients, from {@code iface}'s link-local address to
     * All_DHCP_Relay_Agents_and_Servers (ff02::1:2) on that link.
     */
    public Perfdhcp multicast(String iface) {
        if (!v6) {
            throw new IllegalStateException("multicast is DHCPv6: use broadcast(iface) for DHCPv4");
        }
        target = List.of("-l", iface, "all");
        return this;
    }

    /** {@code -r}: exchanges initiated per second. */
    public Perfdhcp rate(int perSecond) {
        return option("-r", perSecond);
    }

    /** {@code -R}: number of simulated clients (distinct MAC addresses; v6: DUIDs made from them). */
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
     * {@code --scenario avalanche}: send DISCOVERs (v6: SOLICITs) for all {@link #clients} at once and retransmit
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
            throw new IllegalStateException("choose relayed(...) or " + (v6 ? "multicast" : "broadcast") + "(...) first");
        }
        List<String> cmd = new ArrayList<>(List.of(Tools.executable("perfdhcp"), v6 ? "-6" : "-4"));
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
