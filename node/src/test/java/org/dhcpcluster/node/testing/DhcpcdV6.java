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
 * <p>Control goes through dhcpcd's own command line, run inside the client's sandbox (its pid file
 * and control socket live on the sandbox's private /run): {@code dhcpcd -6 -N IF} renews, which
 * sends a real RENEW (and the server's REPLY makes dhcpcd run its RENEW6 hook, which is what
 * {@link #renewals()} counts); {@code dhcpcd -6 -k IF} sends RELEASE, removes the address and
 * stops the client.
 */
public final class DhcpcdV6 extends DhcpV6Client {
    private static final Pattern RENEWED = Pattern.compile("dhcpcd-run-hooks (?:RENEW6|REBIND6)");
    /*
     * noipv6rs + ia_na: DHCPv6 with an IA_NA right away (no RA needed);
     * nodelay: skips the random initial delay of the first SOLICIT;
     * option: ask for DNS servers and search list, so that the resolv.conf hook has work to do.
     */
    private static final String CONFIG = "noipv6rs\nia_na\nnodelay\noption dhcp6_name_servers, dhcp6_domain_search\n";
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(20);

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
        control("-N");
    }

    @Override
    protected void triggerRelease() {
        control("-k");
    }

    // the running dhcpcd is found through its pid file on the sandbox's private /run
    private void control(String flag) {
        Cmd.Result r = Cmd.run(CONTROL_TIMEOUT,
                ClientSandbox.enter(pid(), List.of(Tools.executable("dhcpcd"), "-6", flag, iface)));
        if (!r.ok()) {
            throw new AssertionError("dhcpcd " + flag + " failed: " + r.describe() + "\n" + diagnostics());
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
