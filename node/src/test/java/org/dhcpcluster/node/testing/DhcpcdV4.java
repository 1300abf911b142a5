package org.dhcpcluster.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * dhcpcd (dhcpcd-base) as a DHCPv4 client: {@code dhcpcd -4 -B -d} (foreground, debug log),
 * with a private config file. Control is by signal to the manager process, because dhcpcd's
 * control socket lives under the sandbox's private /run: SIGUSR1 renews (a real RENEWING-state
 * REQUEST), SIGALRM releases the lease and exits.
 */
public final class DhcpcdV4 extends DhcpV4Client {
    private static final Pattern BOUND = Pattern.compile("leased (\\d+\\.\\d+\\.\\d+\\.\\d+) for");
    /*
     * noipv4ll: no 169.254/16 fallback address that the test would mistake for a lease;
     * noarp: skips the 1-2 s ARP probe of the offered address (nothing else is on the segment);
     * nodelay: skips the random 0-2 s initial delay.
     */
    private static final String CONFIG = "noipv4ll\nnoarp\nnodelay\n";

    public DhcpcdV4(String netns, String iface, Path workDir) {
        super("dhcpcd", netns, iface, workDir);
    }

    /** A dhcpcd on the client end of {@code topology}. */
    public static DhcpcdV4 on(NetnsTopology topology) {
        return new DhcpcdV4(topology.clientNs(), topology.clientIf(), topology.workDir());
    }

    @Override
    protected List<String> command() {
        Path conf = dir.resolve("dhcpcd.conf");
        try {
            Files.writeString(conf, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // -t 0: keep trying forever; the test's own deadline decides when to give up
        return List.of(Tools.executable("dhcpcd"), "-4", "-B", "-d", "-t", "0", "-f", conf.toString(), iface);
    }

    @Override
    protected Pattern boundLine() {
        return BOUND;
    }

    @Override
    protected void triggerRenew() {
        signal("USR1");
    }

    @Override
    protected void triggerRelease() {
        signal("ALRM");
    }

    private void signal(String sig) {
        if (!Pids.signal(pid(), sig)) {
            throw new AssertionError("cannot send SIG" + sig + " to dhcpcd\n" + diagnostics());
        }
    }

    /** {@code dhcpcd -U}: the stored lease as shell variables; only while the client runs. */
    @Override
    public String leaseInfo() {
        if (!process().isAlive()) {
            return "";
        }
        // the lease file is on the sandbox's private tmpfs: read it from inside that mount namespace
        Cmd.Result r = Cmd.run(Duration.ofSeconds(10),
                ClientSandbox.enter(pid(), List.of(Tools.executable("dhcpcd"), "-4", "-U", iface)));
        return r.ok() ? r.output() : "";
    }
}
