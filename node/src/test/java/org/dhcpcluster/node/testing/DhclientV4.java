package org.dhcpcluster.node.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * ISC dhclient (isc-dhcp-client) as a DHCPv4 client: {@code dhclient -4 -d -v -1} in the
 * foreground, so its PID stays ours and its verbose log (every DISCOVER/OFFER/REQUEST/ACK) lands
 * in the log file; lease and pid file in the client's scratch directory.
 *
 * <p>Renew: dhclient has no signal or command that renews on demand. Instead the running client
 * is SIGKILLed (no script runs, the address stays configured) and a new one is started with the
 * same lease file: it enters INIT-REBOOT and REQUESTs its recorded address again (broadcast,
 * requested-address option). That is a real re-confirmation of the lease, but not the unicast
 * RENEWING-state REQUEST (ciaddr set) sent at T1.
 *
 * <p>Release: {@code dhclient -r} with the same lease and pid files stops the running client,
 * sends DHCPRELEASE and lets dhclient-script remove the address.
 */
public final class DhclientV4 extends DhcpV4Client {
    private static final Pattern BOUND = Pattern.compile("bound to (\\d+\\.\\d+\\.\\d+\\.\\d+) -- renewal");
    private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(30);

    public DhclientV4(String netns, String iface, Path workDir) {
        super("dhclient", netns, iface, workDir);
    }

    /** A dhclient on the client end of {@code topology}. */
    public static DhclientV4 on(NetnsTopology topology) {
        return new DhclientV4(topology.clientNs(), topology.clientIf(), topology.workDir());
    }

    public Path leaseFile() {
        return dir.resolve("dhclient.leases");
    }

    private List<String> base() {
        List<String> cmd = new ArrayList<>(List.of(Tools.executable("dhclient"), "-4",
                "-lf", leaseFile().toString(), "-pf", dir.resolve("dhclient.pid").toString()));
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
    protected Pattern boundLine() {
        return BOUND;
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
        launch();
    }

    @Override
    protected void triggerRelease() {
        List<String> cmd = base();
        cmd.addAll(List.of("-r", "-v", iface));
        runToCompletion("dhclient-release", cmd, RELEASE_TIMEOUT);
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
