package org.dhcpcluster.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * dhcpcd (dhcpcd-base) as a DHCPv6-only client: {@code dhcpcd -6 -B -d} (foreground, debug log)
 * with a private config that asks for an address (IA_NA) at once, without waiting for a router
 * advertisement: the test links have no router, and dhcpcd otherwise starts DHCPv6 only when an
 * RA tells it to.
 *
 * <p>Control is by signal to the manager process, exactly what dhcpcd's own {@code -N} and
 * {@code -k} do (they print "sending signal USR1/ALRM to pid"): SIGUSR1 renews, which sends a
 * real RENEW (the server's REPLY makes dhcpcd run its RENEW6 hook, which is what
 * {@link #renewals()} counts); SIGALRM sends RELEASE, removes the address and stops the client.
 * Each signal is repeated until dhcpcd logs "received SIG...": dhcpcd 9.4.1 (privsep) was seen
 * to drop a signal that arrived while it waited for a hook script (about 1 run in 6 when
 * releasing right after a renewal), and {@code dhcpcd -k} then only waits 10 s and fails.
 */
public final class DhcpcdV6 extends DhcpV6Client {
    private static final Pattern RENEWED = Pattern.compile("dhcpcd-run-hooks (?:RENEW6|REBIND6)");
    /*
     * noipv6rs + ia_na: DHCPv6 with an IA_NA right away (no RA needed);
     * nodelay: skips the random initial delay of the first SOLICIT;
     * option: ask for DNS servers and search list, so that the resolv.conf hook has work to do.
     */
    private static final String CONFIG = "noipv6rs\nia_na\nnodelay\noption dhcp6_name_servers, dhcp6_domain_search\n";
    private static final int SIGNAL_ATTEMPTS = 5;
    private static final Duration SIGNAL_ACK_TIMEOUT = Duration.ofSeconds(1);

    public DhcpcdV6(String netns, String iface, Path workDir) {
        super("dhcpcd", netns, iface, workDir);
    }

    /** A dhcpcd -6 on the client end of {@code topology}'s client segment. */
    public static DhcpcdV6 on(NetnsTopology topology) {
        return new DhcpcdV6(topology.clientNs(), topology.clientIf(), topology.workDir());
    }

    @Override
    protected List<String> command() {
        Path conf = dir.resolve("dhcpcd6.conf");
        try {
            Files.writeString(conf, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // -t 0: keep trying forever; the test's own deadline decides when to give up
        return List.of(Tools.executable("dhcpcd"), "-6", "-B", "-d", "-t", "0", "-f", conf.toString(), iface);
    }

    @Override
    protected Pattern renewalAcknowledged() {
        return RENEWED;
    }

    @Override
    protected void triggerRenew() {
        signalUntilReceived("USR1");
    }

    @Override
    protected void triggerRelease() {
        signalUntilReceived("ALRM");
    }

    private void signalUntilReceived(String sig) {
        String received = "received SIG" + sig;
        int before = count(received);
        for (int attempt = 0; attempt < SIGNAL_ATTEMPTS; attempt++) {
            if (!Pids.signal(pid(), sig)) {
                throw new AssertionError("cannot send SIG" + sig + " to dhcpcd\n" + diagnostics());
            }
            if (Poll.quietly(SIGNAL_ACK_TIMEOUT, () -> count(received) > before)) {
                return;
            }
        }
        throw new AssertionError("dhcpcd did not log '" + received + "' after " + SIGNAL_ATTEMPTS + " signals\n"
                + processStates() + diagnostics());
    }

    private int count(String text) {
        String log = log();
        int n = 0;
        for (int i = log.indexOf(text); i >= 0; i = log.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }

    // where each dhcpcd process (manager and privsep helpers) and hook script is blocked
    private String processStates() {
        StringBuilder sb = new StringBuilder("dhcpcd processes (pid state wchan comm):\n");
        for (long p : Pids.selfAndDescendants(process().pid())) {
            sb.append("  ").append(p).append(' ').append(procField(p, "stat")).append(' ')
                    .append(procField(p, "wchan")).append(' ').append(Pids.comm(p)).append('\n');
        }
        return sb.toString();
    }

    private static String procField(long pid, String file) {
        try {
            String text = Files.readString(Path.of("/proc", Long.toString(pid), file)).strip();
            // stat: the state letter follows the parenthesised command name
            return file.equals("stat") ? text.substring(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3) : text;
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** {@code dhcpcd -6 -U}: the stored lease as shell variables; only while the client runs. */
    @Override
    public String leaseInfo() {
        if (!process().isAlive()) {
            return "";
        }
        Cmd.Result r = Cmd.run(Duration.ofSeconds(10),
                ClientSandbox.enter(pid(), List.of(Tools.executable("dhcpcd"), "-6", "-U", iface)));
        return r.ok() ? r.output() : "";
    }
}
