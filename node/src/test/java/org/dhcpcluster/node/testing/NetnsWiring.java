package org.dhcpcluster.node.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code ip} steps that wire namespaces together; each throws if the kernel refuses. */
final class NetnsWiring {
    private static final Duration LINK_UP_TIMEOUT = Duration.ofSeconds(10);

    private NetnsWiring() {
    }

    /** Loopback up and DAD off, set before any veth exists so new interfaces inherit it. */
    static void prepare(String ns) {
        must(Cmd.run(ip(), "-n", ns, "link", "set", "lo", "up"));
        disableDad(ns, "all", "default");
    }

    /**
     * A veth pair whose ends are created directly inside their namespaces, so that nothing ever
     * appears in the host namespace (no name clash there, nothing to leak); both ends set up.
     */
    static void veth(String nsA, String ifA, String nsB, String ifB) {
        must(Cmd.run(ip(), "link", "add", ifA, "netns", nsA, "type", "veth", "peer", "name", ifB, "netns", nsB));
        disableDad(nsA, ifA);
        disableDad(nsB, ifB);
        must(Cmd.run(ip(), "-n", nsA, "link", "set", ifA, "up"));
        must(Cmd.run(ip(), "-n", nsB, "link", "set", ifB, "up"));
    }

    /** Adds an IPv4 or IPv6 address/prefix; IPv6 ones skip DAD so they are usable at once. */
    static void addAddress(String ns, String dev, String cidr) {
        List<String> cmd = new ArrayList<>(List.of(ip(), "-n", ns, "addr", "add", cidr, "dev", dev));
        if (cidr.contains(":")) {
            cmd.add("nodad");
        }
        must(Cmd.run(Cmd.DEFAULT_TIMEOUT, cmd));
    }

    /** Adds a route, e.g. from the server to a relayed link via the relay. */
    static void addRoute(String ns, String prefix, String via) {
        must(Cmd.run(ip(), "-n", ns, "route", "add", prefix, "via", via));
    }

    // via /proc rather than sysctl(8): procps may be absent; a kernel without IPv6 is tolerated
    private static void disableDad(String ns, String... confs) {
        StringBuilder script = new StringBuilder();
        for (String conf : confs) {
            String f = "/proc/sys/net/ipv6/conf/" + conf + "/accept_dad";
            script.append("[ ! -e ").append(f).append(" ] || echo 0 > ").append(f).append("; ");
        }
        must(Cmd.run(ip(), "netns", "exec", ns, "sh", "-c", script.toString()));
    }

    /**
     * Waits for carrier (both veth ends up) and, with IPv6, the link-local address, which DHCPv6
     * and some clients need before they start.
     */
    static void awaitUp(String ns, String dev, boolean ipv6) {
        boolean kernelHasIpv6 = Files.exists(Path.of("/proc/sys/net/ipv6"));
        Poll.until(LINK_UP_TIMEOUT, () -> {
            if (!Cmd.run(ip(), "-n", ns, "-o", "link", "show", "dev", dev).output().contains("LOWER_UP")) {
                return false;
            }
            return !ipv6 || !kernelHasIpv6
                    || Cmd.run(ip(), "-n", ns, "-6", "-o", "addr", "show", "dev", dev, "scope", "link").output().contains("fe80");
        }, () -> dev + " in " + ns + " not up within " + LINK_UP_TIMEOUT + ": "
                + Cmd.run(ip(), "-n", ns, "addr", "show", "dev", dev).output());
    }

    static void must(Cmd.Result r) {
        if (!r.ok()) {
            throw new IllegalStateException("topology setup failed: " + r.describe());
        }
    }

    private static String ip() {
        return Tools.executable("ip");
    }
}
