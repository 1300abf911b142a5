package org.dhcpcluster.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * ISC dhclient (isc-dhcp-client) as a DHCPv6 client: {@code dhclient -6 -d -v -1} in the
 * foreground, so its PID stays ours and its verbose log (every XMT/RCV) lands in the log file;
 * lease, DUID (kept in the lease file) and pid file in the client's scratch directory. It asks for
 * an address (IA_NA, {@code -N}) by default, a delegated prefix only (IA_PD, {@code -P}) after
 * {@link #prefixDelegation()}, or both ({@code -N -P}) after {@link #addressAndPrefix()}.
 *
 * <p>Renew: dhclient has no signal or command that renews on demand. The running client is
 * SIGKILLed (no script runs, the address stays configured), the lease file is aged so that T1 of
 * each IA has passed ({@link DhclientLeases6#dueForRenewal}) and a new dhclient is started on it.
 * What it sends then, observed with dhclient 4.4.3 against Kea:
 * <ul>
 *   <li>address only: a CONFIRM (INIT-REBOOT; the server only checks the address is on-link and
 *       extends nothing), then, because T1 has passed, a RENEW, which the server answers by
 *       extending the binding: a real RENEW/REPLY exchange;</li>
 *   <li>with a prefix: a REBIND (dhclient cannot CONFIRM prefixes), which the server answers by
 *       extending address and prefix: a REBIND/REPLY exchange, not a RENEW.</li>
 * </ul>
 * A renewal counts as acknowledged when dhclient logs "Bound to lease" after sending Renew or
 * Rebind.
 *
 * <p>Release: {@code dhclient -6 -r} with the same flags, lease and pid files stops the running
 * client, sends RELEASE for what the lease holds and lets dhclient-script remove the address.
 */
public final class DhclientV6 extends DhcpV6Client {
    private static final Pattern RENEWED = Pattern.compile("XMT: (?:Renew|Rebind) on .*?PRC: Bound to lease", Pattern.DOTALL);
    private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(30);

    private List<String> iaFlags = List.of("-N");

    public DhclientV6(String netns, String iface, Path workDir) {
        super("dhclient", netns, iface, workDir);
    }

    /** A dhclient -6 on the client end of {@code topology}'s client segment. */
    public static DhclientV6 on(NetnsTopology topology) {
        return new DhclientV6(topology.clientNs(), topology.clientIf(), topology.workDir());
    }

    /** Ask for a delegated prefix only ({@code -P}): no address is configured on the interface. */
    public DhclientV6 prefixDelegation() {
        return ask(List.of("-P"));
    }

    /** Ask for an address and a delegated prefix in the same exchanges ({@code -N -P}). */
    public DhclientV6 addressAndPrefix() {
        return ask(List.of("-N", "-P"));
    }

    private DhclientV6 ask(List<String> flags) {
        if (started()) {
            throw new IllegalStateException("choose what dhclient asks for before start()");
        }
        iaFlags = flags;
        return this;
    }

    public Path leaseFile() {
        return dir.resolve("dhclient6.leases");
    }

    private List<String> base() {
        List<String> cmd = new ArrayList<>(List.of(Tools.executable("dhclient"), "-6"));
        cmd.addAll(iaFlags);
        cmd.addAll(List.of("-lf", leaseFile().toString(), "-pf", dir.resolve("dhclient6.pid").toString()));
        // explicit script path, found even when PATH lacks sbin; otherwise dhclient's built-in default
        Tools.which("dhclient-script").ifPresent(s -> cmd.addAll(List.of("-sf", s.toString())));
        return cmd;
    }

    @Override
    protected List<String> command() {
        List<String> cmd = base();
        cmd.addAll(List.of("-d", "-v", "-1", iface));
        return cmd;
    }

    @Override
    protected Pattern renewalAcknowledged() {
        return RENEWED;
    }

    @Override
    protected void triggerRenew() {
        ProcessHandle.of(pid()).ifPresent(h -> {
            h.destroyForcibly();
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("dhclient " + h.pid() + " did not die on SIGKILL", e);
            }
        });
        try {
            Files.writeString(leaseFile(), DhclientLeases6.dueForRenewal(leaseInfo(), Instant.now().getEpochSecond()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot age " + leaseFile(), e);
        }
        launch();
    }

    @Override
    protected void triggerRelease() {
        List<String> cmd = base();
        cmd.addAll(List.of("-r", "-v", iface));
        runToCompletion("dhclient-release", cmd, RELEASE_TIMEOUT);
    }

    /** The current lease in the lease file: addresses and delegated prefixes. */
    public DhclientLeases6.Lease lease() {
        return DhclientLeases6.current(leaseInfo());
    }

    /**
     * Waits until dhclient recorded a delegated prefix (an {@code iaprefix} of its current lease)
     * and returns it; fails with the client's log if none comes in time or dhclient exits first.
     */
    public Prefix6 awaitDelegatedPrefix(Duration timeout) {
        NamespacedProcess p = process();
        return Poll.until(timeout, () -> {
            Optional<Prefix6> prefix = lease().heldPrefixes().stream().findFirst();
            if (prefix.isEmpty() && !p.isAlive()) {
                throw new AssertionError("dhclient exited before recording a delegated prefix\n" + diagnostics());
            }
            return prefix;
        }, () -> "dhclient recorded no delegated prefix within " + timeout + "\n" + diagnostics());
    }

    /** The lease file dhclient wrote (ISC lease syntax). */
    @Override
    public String leaseInfo() {
        try {
            return Files.exists(leaseFile()) ? Files.readString(leaseFile()) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
