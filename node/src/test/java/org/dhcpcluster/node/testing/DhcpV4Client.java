package org.dhcpcluster.node.testing;

import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Common driver for a real DHCPv4 client running sandboxed ({@link ClientSandbox}) on one
 * interface of a namespace. What the test observes is the interface itself: an address appears
 * once the client's script configured its lease and disappears once it released it. Renewals are
 * confirmed by the client's own log, which reports every lease it binds.
 *
 * <p>Subclasses supply the command line, the log line that reports a bound lease, and how to
 * trigger renew and release.
 */
public abstract class DhcpV4Client implements AutoCloseable {
    /** Default bound for renew(): a few DHCP round trips plus client retransmission timers. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    protected final String netns;
    protected final String iface;
    protected final Path dir;
    protected final ClientSandbox sandbox;
    private final ClientRuns runs;
    private Set<Inet4Address> preexisting;
    private boolean closed;

    /** {@code name} is the client's executable name, also used for its scratch directory and logs. */
    protected DhcpV4Client(String name, String netns, String iface, Path workDir) {
        this.netns = netns;
        this.iface = iface;
        this.runs = new ClientRuns(name, netns, workDir);
        this.dir = runs.dir();
        this.sandbox = runs.sandbox();
    }

    /** Short client name, e.g. "dhclient"; also the executable's name. */
    public final String name() {
        return runs.name();
    }

    /** The client's own command line (the sandbox is added around it). */
    protected abstract List<String> command();

    /** Matches a log line reporting a bound (acquired or renewed) lease; group 1 is the address. */
    protected abstract Pattern boundLine();

    /** Makes the running client renew its lease now. */
    protected abstract void triggerRenew();

    /** Makes the client send a DHCPRELEASE and deconfigure the address. */
    protected abstract void triggerRelease();

    /** The lease as the client recorded it (lease file, dump...), for diagnostics; "" if unknown. */
    public abstract String leaseInfo();

    /** Starts the client; addresses already on the interface are ignored by the await methods. */
    public void start() {
        if (runs.started()) {
            throw new IllegalStateException(name() + " already started");
        }
        preexisting = new HashSet<>(InterfaceAddresses.ipv4(netns, iface));
        launch();
    }

    /** Starts (another) client process with {@link #command()}; its log is kept with earlier ones. */
    protected final NamespacedProcess launch() {
        return runs.launch(command());
    }

    /**
     * Runs a one-shot helper command of the client (e.g. {@code dhclient -r}) sandboxed like the
     * client, to completion; its output is kept with the client's log for diagnostics.
     */
    protected final NamespacedProcess runToCompletion(String label, List<String> command, Duration timeout) {
        return runs.runToCompletion(label, command, timeout, this::diagnostics);
    }

    /** The currently running client process. */
    protected final NamespacedProcess process() {
        return runs.current();
    }

    /** PID of the running client (the client itself, not a wrapper). */
    public long pid() {
        return runs.clientPid();
    }

    /**
     * Waits until the client configured a new IPv4 address on the interface and returns it; fails
     * with the client's log if none appears in time or the client exits first.
     */
    public Inet4Address awaitAddress(Duration timeout) {
        NamespacedProcess p = process();
        return Poll.until(timeout, () -> {
            Optional<Inet4Address> a = newAddress();
            if (a.isEmpty() && !p.isAlive()) {
                throw new AssertionError(name() + " exited before configuring an address\n" + diagnostics());
            }
            return a;
        }, () -> name() + " configured no IPv4 address on " + iface + " in " + netns + " within " + timeout + "\n"
                + diagnostics());
    }

    /** Renews with {@link #DEFAULT_TIMEOUT}; see {@link #renew(Duration)}. */
    public Inet4Address renew() {
        return renew(DEFAULT_TIMEOUT);
    }

    /**
     * Makes the client renew its lease and waits until it reports a newly bound lease in its log
     * (i.e. the server acknowledged the renewal); returns the address it reported.
     */
    public Inet4Address renew(Duration within) {
        int before = boundCount();
        triggerRenew();
        Poll.until(within, () -> boundCount() > before,
                () -> name() + " did not report a renewed lease within " + within + "\n" + diagnostics());
        return lastBound().orElseThrow();
    }

    /** Makes the client release its lease (sends DHCPRELEASE, removes the address). */
    public void release() {
        process();
        triggerRelease();
    }

    /** Waits until every address the client added is gone from the interface. */
    public void awaitNoAddress(Duration timeout) {
        process();
        Poll.until(timeout, () -> newAddress().isEmpty(),
                () -> name() + " still has " + newAddress().map(Inet4Address::getHostAddress).orElse("?") + " on "
                        + iface + " after " + timeout + "\n" + diagnostics());
    }

    /** How many times the client has reported a bound lease so far (all its runs). */
    public int boundCount() {
        int n = 0;
        Matcher m = boundLine().matcher(log());
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The address of the last bound lease the client reported. */
    public Optional<Inet4Address> lastBound() {
        String last = null;
        Matcher m = boundLine().matcher(log());
        while (m.find()) {
            last = m.group(1);
        }
        return Optional.ofNullable(last).map(InterfaceAddresses::parse4);
    }

    /** Everything all runs of the client printed, in order. */
    public String log() {
        return runs.log();
    }

    /** For assertion messages: the interface's addresses, each run's command and output, the lease. */
    public String diagnostics() {
        StringBuilder sb = new StringBuilder("addresses on ").append(iface).append(": ")
                .append(InterfaceAddresses.ipv4Cidrs(netns, iface)).append('\n');
        sb.append(runs.outputs());
        String lease = safeLeaseInfo();
        if (!lease.isBlank()) {
            sb.append("--- lease as seen by ").append(name()).append(" ---\n").append(lease);
        }
        return sb.toString();
    }

    private String safeLeaseInfo() {
        try {
            return leaseInfo();
        } catch (RuntimeException e) {
            return "(unavailable: " + e + ")";
        }
    }

    private Optional<Inet4Address> newAddress() {
        return InterfaceAddresses.ipv4(netns, iface).stream().filter(a -> !preexisting.contains(a)).findFirst();
    }

    /** What the client's scripts wrote to the sandbox's private resolv.conf (never the host's). */
    public String resolvConf() {
        return sandbox.resolvConf();
    }

    /** Where this client keeps its scratch files (lease file, config, logs). */
    public Path dir() {
        return dir;
    }

    /**
     * Stops every client process (SIGTERM, then SIGKILL) and removes the addresses it left on the
     * interface, so the next client on the same topology starts from a clean interface.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        runs.destroyAll();
        if (preexisting != null) {
            for (String cidr : InterfaceAddresses.ipv4Cidrs(netns, iface)) {
                if (!preexisting.contains(InterfaceAddresses.parse4(cidr.substring(0, cidr.indexOf('/'))))) {
                    Cmd.run(Tools.executable("ip"), "-n", netns, "addr", "del", cidr, "dev", iface);
                }
            }
        }
    }

    @Override
    public String toString() {
        return name() + " on " + iface + " in " + netns;
    }
}
