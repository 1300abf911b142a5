package org.dhcpcluster.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps a DHCP client command so that it cannot modify the host: the stock client scripts
 * (dhclient-script, udhcpc's default.script, dhcpcd hooks) rewrite /etc/resolv.conf, the
 * hostname, NTP settings under /run and lease files under /var/lib/dhcpcd. The client runs under
 * {@code unshare -m -u} (private mount and UTS namespaces, inside the test's network namespace),
 * with tmpfs over /run and /var/lib/dhcpcd and a scratch resolv.conf bind-mounted over
 * /etc/resolv.conf: the same sandbox as the bench's real-clients.sh.
 */
public final class ClientSandbox {
    /*
     * $0 = scratch directory, $1 = hostname, rest = command. The hostname is written via /proc so
     * that no hostname(1) binary is needed; it only changes the private UTS namespace. A
     * resolv.conf that does not resolve once /run is hidden (a symlink into /run, as with
     * systemd-resolved or resolvconf) now points into the tmpfs, so it is left as is: writes land
     * in the tmpfs.
     */
    private static final String SCRIPT = String.join(" && ",
            "mount -t tmpfs dctrun /run",
            "mkdir -p /run/dhcpcd /run/udhcpc /run/resolvconf",
            "{ [ ! -d /var/lib/dhcpcd ] || mount -t tmpfs dctdcd /var/lib/dhcpcd; }",
            "{ [ ! -e /etc/resolv.conf ] || mount --bind \"$0/resolv.conf\" /etc/resolv.conf; }",
            "echo \"$1\" > /proc/sys/kernel/hostname",
            "shift",
            "exec \"$@\"");

    private final Path scratch;
    private final String hostname;

    /** A sandbox whose scratch files (resolv.conf) live in {@code scratch}. */
    public ClientSandbox(Path scratch, String hostname) {
        this.scratch = scratch;
        this.hostname = hostname;
        try {
            Files.createDirectories(scratch);
            Path resolv = scratch.resolve("resolv.conf");
            if (!Files.exists(resolv)) {
                Files.writeString(resolv, "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare sandbox in " + scratch, e);
        }
    }

    /**
     * The command line to pass to {@code ip netns exec NS}: the sandbox setup, then an exec of
     * {@code command}, so the resulting PID is the client's own.
     */
    public List<String> wrap(List<String> command) {
        List<String> full = new ArrayList<>(List.of(Tools.executable("unshare"), "-m", "-u", "--propagation", "private",
                "sh", "-c", SCRIPT, scratch.toString(), hostname));
        full.addAll(command);
        return full;
    }

    /** What the client's scripts wrote to resolv.conf (DNS options of the lease). */
    public String resolvConf() {
        try {
            return Files.readString(scratch.resolve("resolv.conf"));
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * A command that runs {@code command} inside the mount, UTS and network namespaces of the
     * running sandboxed process {@code pid} (to read files it keeps on its private tmpfs).
     */
    public static List<String> enter(long pid, List<String> command) {
        List<String> full = new ArrayList<>(List.of(Tools.executable("nsenter"), "-t", Long.toString(pid), "-m", "-u", "-n"));
        full.addAll(command);
        return full;
    }

    public Path scratch() {
        return scratch;
    }
}
