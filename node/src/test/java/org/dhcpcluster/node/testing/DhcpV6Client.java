package org.dhcpcluster.node.testing;

import java.net.Inet6Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Common driver for a real DHCPv6 client running sandboxed ({@link ClientSandbox}) on one
 * interface of a namespace. As for v4, the test observes the interface itself: a global address
 * (IA_NA) appears once the client's script configured it and disappears once it was released.
 * Renewals are confirmed by the client's own log, which reports every exchange the server
 * answered.
 *
 * <p>Subclasses supply the command line, the log pattern of an acknowledged renewal, and how to
 * trigger renew and release; each documents which DHCPv6 messages its "renew" really sends.
 */
public abstract class DhcpV6Client implements AutoCloseable {
    /** Default bound for renew(): a few DHCPv6 round trips plus client retransmission timers. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Where every address the tests hand out lies: the IPv6 documentation prefix. */
    public static final Prefix6 DOCUMENTATION = Prefix6.parse("2001:db8::/32");

    protected final String netns;
    protected final String iface;
    protected final Path dir;
    private final ClientRuns runs;
    private Set<Inet6Address> preexisting;
    private boolean closed;

    /** {@code name} is the client's executable name, also used for its scratch directory and logs. */
    protected DhcpV6Client(String name, String netns, String iface, Path workDir) {
        this.netns = netns;
        this.iface = iface;
        this.runs = new ClientRuns(name, netns, workDir);
        this.dir = runs.dir();
    }

    /** Short client name, e.g. "dhclient"; also the executable's name. */
    public final String name() {
        return runs.name();
    }

    /** The client's own command line (the sandbox is added around it). */
    protected abstract List<String> command();

    /**
     * Matches, within the log of one client run, one renewal the server answered (from the
     * message the client sent to its processing of the reply); counted by {@link #renewals()}.
     */
    protected abstract Pattern renewalAcknowledged();

    /** Makes the client renew its bindings now. */
    protected abstract void triggerRenew();

    /** Makes the client send a RELEASE and deconfigure what it was given. */
    protected abstract void triggerRelease();

    /** The lease as the client recorded it (lease file, dump...), for diagnostics; "" if unknown. */
    public abstract String leaseInfo();

    /** Starts the client; global addresses already on the interface are ignored by the await methods. */
    public void start() {
        if (runs.started()) {
            throw new IllegalStateException(name() + " already started");
        }
        preexisting = new HashSet<>(InterfaceAddresses.ipv6(netns, iface));
        launch();
    }

    /** True once {@link #start()} was called; options must be chosen before. */
    protected final boolean started() {
        return runs.started();
    }

    /** Starts (another) client process with {@link #command()}; its log is kept with earlier ones. */
    protected final NamespacedProcess launch() {
        return runs.launch(command());
    }

    /** Runs a one-shot helper of the client (e.g. {@code dhclient -6 -r}), sandboxed, to completion. */
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
     * Waits until the client configured a new global address from 2001:db8::/32 on the interface
     * and returns it; fails with the client's log if none appears in time or the client exits.
     */
    public Inet6Address awaitAddress(Duration timeout) {
        NamespacedProcess p = process();
        return Poll.until(timeout, () -> {
            Optional<Inet6Address> a = newAddress();
            if (a.isEmpty() && !p.isAlive()) {
                throw new AssertionError(name() + " exited before configuring an address\n" + diagnostics());
            }
            return a;
        }, () -> name() + " configured no IPv6 address on " + iface + " in " + netns + " within " + timeout + "\n"
                + diagnostics());
    }

    /** Renews with {@link #DEFAULT_TIMEOUT}; see {@link #renew(Duration)}. */
    public void renew() {
        renew(DEFAULT_TIMEOUT);
    }

    /**
     * Makes the client renew and waits until its log shows that the server answered the renewal
     * (see the subclass for which message that is).
     */
    public void renew(Duration within) {
        int before = renewals();
        triggerRenew();
        Poll.until(within, () -> renewals() > before,
                () -> name() + " did not report an answered renewal within " + within + "\n" + diagnostics());
    }

    /** How many renewals the server has answered so far, over all runs of the client. */
    public int renewals() {
        int n = 0;
        for (String log : runs.logs()) {
            Matcher m = renewalAcknowledged().matcher(log);
            while (m.find()) {
                n++;
            }
        }
        return n;
    }

    /** Makes the client release its bindings (sends RELEASE, removes the address). */
    public void release() {
        process();
        triggerRelease();
    }

    /** Waits until every global address the client added is gone from the interface. */
    public void awaitNoAddress(Duration timeout) {
        process();
        Poll.until(timeout, () -> newAddress().isEmpty(),
                () -> name() + " still has " + newAddress().map(InterfaceAddresses::format6).orElse("?") + " on "
                        + iface + " after " + timeout + "\n" + diagnostics());
    }

    /** Everything all runs of the client printed, in order. */
    public String log() {
        return runs.log();
    }

    /** For assertion messages: the interface's addresses, each run's command and output, the lease. */
    public String diagnostics() {
        StringBuilder sb = new StringBuilder("global IPv6 addresses on ").append(iface).append(": ")
                .append(InterfaceAddresses.ipv6Cidrs(netns, iface)).append('\n');
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

    private Optional<Inet6Address> newAddress() {
        return InterfaceAddresses.ipv6(netns, iface).stream()
                .filter(a -> !preexisting.contains(a) && DOCUMENTATION.contains(a)).findFirst();
    }

    /** What the client's scripts wrote to the sandbox's private resolv.conf (never the host's). */
    public String resolvConf() {
        return runs.sandbox().resolvConf();
    }

    /** Where this client keeps its scratch files (lease file, config, logs). */
    public Path dir() {
        return dir;
    }

    /**
     * Stops every client process (SIGTERM, then SIGKILL) and removes the global addresses it left
     * on the interface, so the next client on the same topology starts from a clean interface.
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
            for (String cidr : InterfaceAddresses.ipv6Cidrs(netns, iface)) {
                if (!preexisting.contains(InterfaceAddresses.parse6(cidr.substring(0, cidr.indexOf('/'))))) {
                    Cmd.run(Tools.executable("ip"), "-n", netns, "addr", "del", cidr, "dev", iface);
                }
            }
        }
    }

    @Override
    public String toString() {
        return name() + " (DHCPv6) on " + iface + " in " + netns;
    }
}
