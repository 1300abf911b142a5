package org.dhcpcluster.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * BusyBox udhcpc as a DHCPv4 client: {@code udhcpc -f} (foreground; it logs every step to
 * stderr). Signals, per {@code udhcpc --help}: SIGUSR1 renews (unicast REQUEST), SIGUSR2 releases
 * and leaves the client idle in "released" state. {@code -R} also releases on SIGTERM, so a
 * client that is merely closed does not leave a lease behind on the server.
 *
 * <p>udhcpc keeps no lease file; a wrapper around the stock script records the variables of the
 * last bound/renew event, which {@link #leaseInfo()} returns.
 */
public final class UdhcpcV4 extends DhcpV4Client {
    private static final Pattern BOUND = Pattern.compile("lease of (\\d+\\.\\d+\\.\\d+\\.\\d+) obtained");
    private static final List<String> STOCK_SCRIPTS = List.of("/etc/udhcpc/default.script",
            "/usr/share/udhcpc/default.script");

    public UdhcpcV4(String netns, String iface, Path workDir) {
        super("udhcpc", netns, iface, workDir);
    }

    /** A udhcpc on the client end of {@code topology}. */
    public static UdhcpcV4 on(NetnsTopology topology) {
        return new UdhcpcV4(topology.clientNs(), topology.clientIf(), topology.workDir());
    }

    /** The stock script that configures the interface; without it udhcpc configures nothing. */
    static Optional<Path> stockScript() {
        return STOCK_SCRIPTS.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    @Override
    protected List<String> command() {
        Path stock = stockScript().orElseThrow(() -> new AssertionError("no udhcpc default.script in " + STOCK_SCRIPTS));
        Path wrapper = dir.resolve("udhcpc.script");
        String script = "#!/bin/sh\n"
                // udhcpc passes the lease as lower-case variables; the upper-case rest is inherited noise
                + "case \"$1\" in bound|renew) { echo \"event=$1\"; env | grep '^[a-z]' | sort; } > '" + leaseEnv() + "' ;; esac\n"
                + "exec '" + stock + "' \"$@\"\n";
        try {
            Files.writeString(wrapper, script);
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // -t 5 -T 2 -A 1: DISCOVER every 2 s, pause 1 s after 5 of them, and go on (no -n: keep trying)
        return List.of(Tools.executable("udhcpc"), "-f", "-i", iface, "-R", "-t", "5", "-T", "2", "-A", "1",
                "-s", wrapper.toString());
    }

    private Path leaseEnv() {
        return dir.resolve("lease.env");
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
        signal("USR2");
    }

    private void signal(String sig) {
        if (!Pids.signal(pid(), sig)) {
            throw new AssertionError("cannot send SIG" + sig + " to udhcpc\n" + diagnostics());
        }
    }

    /** The script variables of the last bound/renew event (ip, subnet, router, lease, serverid...). */
    @Override
    public String leaseInfo() {
        try {
            return Files.exists(leaseEnv()) ? Files.readString(leaseEnv()) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
