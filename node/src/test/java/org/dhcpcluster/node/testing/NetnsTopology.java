package org.dhcpcluster.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A throw-away DHCP test network made of Linux network namespaces:
 *
 * <pre>
 *   server ns "dct&lt;id&gt;s"                             client ns "dct&lt;id&gt;c"
 *     dct&lt;id&gt;s0 192.0.2.1/24 2001:db8:1::1/64   ==veth== dct&lt;id&gt;c0 (no address: DHCP clients run here)
 *
 *   server ns                                       relay ns "dct&lt;id&gt;r" (optional)
 *     dct&lt;id&gt;s1 198.51.100.1/24 2001:db8:ff::1/64 ==veth== dct&lt;id&gt;r0 198.51.100.2/24 2001:db8:ff::2/64
 *
 *   relay ns (with IPv6)                            client ns
 *     dct&lt;id&gt;r1 2001:db8:2::1/64                 ==veth== dct&lt;id&gt;c1 (no address: relayed clients)
 *   server ns route: 2001:db8:2::/64 via 2001:db8:ff::2
 * </pre>
 *
 * The server/client pair is one L2 segment, so broadcast DISCOVERs and multicast SOLICITs (to
 * ff02::1:2) flow as on a real LAN; the relay namespace reaches the server by unicast like a relay
 * agent. For DHCPv6 the relay also sits on a client link of its own, the relayed link
 * 2001:db8:2::/64 that the server is not on (so a server there hears its clients only through the
 * relay, never directly as well): 2001:db8:2::1 is what a relay puts in the link-address of a
 * RELAY-FORW, and what a server selects the subnet by. The server routes that prefix to the
 * relay, so a relay (or perfdhcp -A1) may also use it as its source address.
 *
 * <p>{@code <id>} is 4 random hex digits claimed atomically ({@code ip netns add} fails on an
 * existing name), so parallel JVMs and leftovers of earlier runs never collide. The veth ends are
 * created directly inside their namespaces, so nothing ever appears in (or must be removed from)
 * the host namespace. Duplicate address detection is off in every namespace, so IPv6 addresses,
 * link-local ones included, are usable as soon as the topology exists. Only documentation address
 * ranges are used and nothing is routed out of the namespaces.
 *
 * <p>{@link #close()} kills every process inside (by PID), deletes the namespaces (which destroys
 * the veths) and never throws; a shutdown hook does the same if a test run is aborted.
 */
public final class NetnsTopology implements AutoCloseable {
    private static final String PREFIX = "dct";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Builder config;
    private final String id;
    private final Path workDir;
    private final boolean ownsWorkDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Options; every default matches the picture in the class comment. */
    public static final class Builder {
        private String label = "test";
        private String serverCidr4 = "192.0.2.1/24";
        private String serverCidr6 = "2001:db8:1::1/64";
        private boolean relay;
        private String relayServerCidr4 = "198.51.100.1/24";
        private String relayCidr4 = "198.51.100.2/24";
        private String relayServerCidr6 = "2001:db8:ff::1/64";
        private String relayCidr6 = "2001:db8:ff::2/64";
        private String relayedLinkCidr6 = "2001:db8:2::1/64";
        private Path workDir;

        private Builder() {
        }

        /** Short human label (e.g. the test name) used in the work directory's name. */
        public Builder label(String label) {
            this.label = label;
            return this;
        }

        /** Server-side IPv4 address/prefix on the client segment. */
        public Builder serverAddress4(String cidr) {
            this.serverCidr4 = cidr;
            return this;
        }

        /** Server-side IPv6 address/prefix on the client segment. */
        public Builder serverAddress6(String cidr) {
            this.serverCidr6 = cidr;
            return this;
        }

        /**
         * No global IPv6 address and no relayed IPv6 link (for kernels without IPv6; v4 tests do
         * not need it).
         */
        public Builder withoutIpv6() {
            this.serverCidr6 = null;
            return this;
        }

        /**
         * Adds the relay namespace with the default addresses: relay link 198.51.100.1/24 -
         * 198.51.100.2/24 and 2001:db8:ff::1/64 - 2001:db8:ff::2/64, relayed link 2001:db8:2::1/64.
         */
        public Builder withRelay() {
            this.relay = true;
            return this;
        }

        /** Adds the relay namespace with the given server-side and relay-side IPv4 addresses. */
        public Builder withRelay(String serverSideCidr4, String relaySideCidr4) {
            this.relay = true;
            this.relayServerCidr4 = serverSideCidr4;
            this.relayCidr4 = relaySideCidr4;
            return this;
        }

        /**
         * Adds the relay namespace with the given IPv6 addresses: server and relay ends of the
         * relay link, and the relay's address on the relayed client link (whose prefix the server
         * routes to the relay).
         */
        public Builder withRelay6(String serverSideCidr6, String relaySideCidr6, String relayedLinkCidr6) {
            this.relay = true;
            this.relayServerCidr6 = serverSideCidr6;
            this.relayCidr6 = relaySideCidr6;
            this.relayedLinkCidr6 = relayedLinkCidr6;
            return this;
        }

        /**
         * Where process logs and scratch files go (e.g. JUnit's {@code @TempDir}, kept as the
         * caller decides). Default: a fresh temp directory deleted by {@link #close()}.
         */
        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /** Creates the namespaces; on any failure cleans up what was built and throws. */
        public NetnsTopology create() {
            return NetnsTopology.build(copy()); // later changes to this builder do not leak in
        }

        private Builder copy() {
            Builder b = new Builder();
            b.label = label;
            b.serverCidr4 = serverCidr4;
            b.serverCidr6 = serverCidr6;
            b.relay = relay;
            b.relayServerCidr4 = relayServerCidr4;
            b.relayCidr4 = relayCidr4;
            b.relayServerCidr6 = relayServerCidr6;
            b.relayCidr6 = relayCidr6;
            b.relayedLinkCidr6 = relayedLinkCidr6;
            b.workDir = workDir;
            return b;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Server + client namespaces with the default addresses. */
    public static NetnsTopology create() {
        return builder().create();
    }

    private NetnsTopology(Builder config, String id, Path workDir, boolean ownsWorkDir) {
        this.config = config;
        this.id = id;
        this.workDir = workDir;
        this.ownsWorkDir = ownsWorkDir;
    }

    private static NetnsTopology build(Builder config) {
        TopologyRegistry.reapOrphansOnce();
        for (int attempt = 0; attempt < 20; attempt++) {
            String id = HexFormat.of().toHexDigits((short) RANDOM.nextInt(1 << 16));
            NetnsTopology t = new NetnsTopology(config, id, null, false);
            if (t.namespaces().stream().anyMatch(Namespaces::exists)) {
                continue;
            }
            // claiming the server namespace is the atomic step: a racing run gets "File exists"
            Cmd.Result claim = Cmd.run(ip(), "netns", "add", t.serverNs());
            if (!claim.ok()) {
                if (Namespaces.exists(t.serverNs())) {
                    continue;
                }
                throw new IllegalStateException("cannot create a network namespace: " + claim.describe());
            }
            Path dir = config.workDir;
            boolean owns = dir == null;
            try {
                dir = owns ? Files.createTempDirectory(PREFIX + id + "-" + safe(config.label) + "-") : dir;
                Files.createDirectories(dir);
            } catch (IOException e) {
                Namespaces.teardown(List.of(t.serverNs()));
                throw new UncheckedIOException("cannot create work directory", e);
            }
            NetnsTopology topology = new NetnsTopology(config, id, dir, owns);
            TopologyRegistry.register(topology);
            try {
                topology.setUp();
                return topology;
            } catch (RuntimeException | Error e) {
                topology.close();
                throw e;
            }
        }
        throw new IllegalStateException("could not claim a free namespace id after 20 attempts: " + Namespaces.list());
    }

    private static String safe(String label) {
        String s = label.replaceAll("[^A-Za-z0-9_.-]", "_");
        return s.length() > 40 ? s.substring(0, 40) : s;
    }

    private void setUp() {
        boolean ipv6 = config.serverCidr6 != null;
        for (String ns : namespaces()) {
            if (!ns.equals(serverNs())) {
                NetnsWiring.must(Cmd.run(ip(), "netns", "add", ns));
            }
            NetnsWiring.prepare(ns);
        }
        NetnsWiring.veth(serverNs(), serverIf(), clientNs(), clientIf());
        NetnsWiring.addAddress(serverNs(), serverIf(), config.serverCidr4);
        if (ipv6) {
            NetnsWiring.addAddress(serverNs(), serverIf(), config.serverCidr6);
        }
        if (config.relay) {
            NetnsWiring.veth(serverNs(), serverRelayIf(), relayNs(), relayIf());
            NetnsWiring.addAddress(serverNs(), serverRelayIf(), config.relayServerCidr4);
            NetnsWiring.addAddress(relayNs(), relayIf(), config.relayCidr4);
            if (ipv6) {
                NetnsWiring.addAddress(serverNs(), serverRelayIf(), config.relayServerCidr6);
                NetnsWiring.addAddress(relayNs(), relayIf(), config.relayCidr6);
                NetnsWiring.veth(relayNs(), relayClientIf(), clientNs(), relayedClientIf());
                NetnsWiring.addAddress(relayNs(), relayClientIf(), config.relayedLinkCidr6);
                NetnsWiring.addRoute(serverNs(), relayedLinkPrefix6().toString(),
                        InterfaceAddresses.format6(relayUplinkAddress6()));
            }
        }
        NetnsWiring.awaitUp(serverNs(), serverIf(), ipv6);
        NetnsWiring.awaitUp(clientNs(), clientIf(), ipv6);
        if (config.relay) {
            NetnsWiring.awaitUp(serverNs(), serverRelayIf(), ipv6);
            NetnsWiring.awaitUp(relayNs(), relayIf(), ipv6);
            if (ipv6) {
                NetnsWiring.awaitUp(relayNs(), relayClientIf(), true);
                NetnsWiring.awaitUp(clientNs(), relayedClientIf(), true);
            }
        }
    }

    private static String ip() {
        return Tools.executable("ip");
    }

    /** The 4 hex digits shared by all names of this topology. */
    public String id() {
        return id;
    }

    public String serverNs() {
        return PREFIX + id + "s";
    }

    public String clientNs() {
        return PREFIX + id + "c";
    }

    /** The relay namespace; only with {@link Builder#withRelay()}. */
    public String relayNs() {
        requireRelay();
        return PREFIX + id + "r";
    }

    public boolean hasRelay() {
        return config.relay;
    }

    /** Server end of the client segment (where a DHCP server listens for broadcasts). */
    public String serverIf() {
        return PREFIX + id + "s0";
    }

    /** Client end of the client segment (where DHCP clients and perfdhcp -B run). */
    public String clientIf() {
        return PREFIX + id + "c0";
    }

    /** Server end of the relay link. */
    public String serverRelayIf() {
        requireRelay();
        return PREFIX + id + "s1";
    }

    /** Relay end of the relay link. */
    public String relayIf() {
        requireRelay();
        return PREFIX + id + "r0";
    }

    /** Relay end of the relayed IPv6 client link; only with a relay and IPv6. */
    public String relayClientIf() {
        requireRelay6();
        return PREFIX + id + "r1";
    }

    /**
     * Client end of the relayed IPv6 client link (in the client namespace): clients here reach
     * the server only through a relay agent running in the relay namespace.
     */
    public String relayedClientIf() {
        requireRelay6();
        return PREFIX + id + "c1";
    }

    /** Server address on the client segment, e.g. 192.0.2.1. */
    public Inet4Address serverAddress4() {
        return InterfaceAddresses.parse4(address(config.serverCidr4));
    }

    /** Server address/prefix on the client segment, e.g. "192.0.2.1/24". */
    public String serverCidr4() {
        return config.serverCidr4;
    }

    /** Server IPv6 address/prefix on the client segment, if IPv6 is configured. */
    public Optional<String> serverCidr6() {
        return Optional.ofNullable(config.serverCidr6);
    }

    /** Server address on the relay link, e.g. 198.51.100.1 (the unicast target of relayed traffic). */
    public Inet4Address relayServerAddress4() {
        requireRelay();
        return InterfaceAddresses.parse4(address(config.relayServerCidr4));
    }

    /** Relay address, e.g. 198.51.100.2 (what a relay puts in giaddr). */
    public Inet4Address relayAddress4() {
        requireRelay();
        return InterfaceAddresses.parse4(address(config.relayCidr4));
    }

    /** True unless built {@link Builder#withoutIpv6()}. */
    public boolean hasIpv6() {
        return config.serverCidr6 != null;
    }

    /** Server IPv6 address on the client segment, e.g. 2001:db8:1::1 (its prefix is the link's). */
    public Inet6Address serverAddress6() {
        requireIpv6();
        return Prefix6.parse(config.serverCidr6).address();
    }

    /** Prefix of the client segment, e.g. 2001:db8:1::/64: the subnet directly attached clients belong to. */
    public Prefix6 clientLinkPrefix6() {
        requireIpv6();
        return Prefix6.parse(config.serverCidr6).network();
    }

    /** Server address on the relay link, e.g. 2001:db8:ff::1: where a relay sends RELAY-FORW. */
    public Inet6Address relayServerAddress6() {
        requireRelay6();
        return Prefix6.parse(config.relayServerCidr6).address();
    }

    /** Relay's own address on the relay link, e.g. 2001:db8:ff::2 (the next hop to the relayed link). */
    public Inet6Address relayUplinkAddress6() {
        requireRelay6();
        return Prefix6.parse(config.relayCidr6).address();
    }

    /**
     * Relay address on the relayed client link, e.g. 2001:db8:2::1: the link-address a relay
     * puts in RELAY-FORW (the v6 counterpart of giaddr) and a server selects the subnet by.
     */
    public Inet6Address relayAddress6() {
        requireRelay6();
        return Prefix6.parse(config.relayedLinkCidr6).address();
    }

    /** Prefix of the relayed client link, e.g. 2001:db8:2::/64. */
    public Prefix6 relayedLinkPrefix6() {
        requireRelay6();
        return Prefix6.parse(config.relayedLinkCidr6).network();
    }

    /** All namespace names of this topology, server first. */
    public List<String> namespaces() {
        List<String> all = new ArrayList<>(List.of(PREFIX + id + "s", PREFIX + id + "c"));
        if (config.relay) {
            all.add(PREFIX + id + "r");
        }
        return all;
    }

    /** The work directory if this topology created it (and so deletes it), else empty. */
    Optional<Path> ownedWorkDir() {
        return ownsWorkDir ? Optional.ofNullable(workDir) : Optional.empty();
    }

    /** Directory for process logs and client scratch files. */
    public Path workDir() {
        return workDir;
    }

    /** Runs a short command inside {@code netns} and returns its result (never throws). */
    public Cmd.Result exec(String netns, String... command) {
        List<String> full = new ArrayList<>(List.of(ip(), "netns", "exec", netns));
        full.addAll(List.of(command));
        return Cmd.run(Cmd.DEFAULT_TIMEOUT, full);
    }

    /** Starts a long-running command in {@code netns}, logging to {@code workDir/name.out|.err}. */
    public NamespacedProcess start(String netns, String name, String... command) {
        return NamespacedProcess.start(netns, workDir, name, List.of(command));
    }

    /** As {@link #start(String, String, String...)} with extra environment variables. */
    public NamespacedProcess start(String netns, String name, Map<String, String> env, String... command) {
        return NamespacedProcess.start(netns, workDir, name, env, List.of(command));
    }

    /**
     * Adds an address to an interface (e.g. 192.0.2.2/24 on the client end, which perfdhcp needs
     * as giaddr); it disappears with the namespace.
     */
    public void addAddress(String netns, String dev, String cidr) {
        NetnsWiring.addAddress(netns, dev, cidr);
    }

    /** IPv4 addresses currently on {@code dev} in {@code netns}. */
    public List<Inet4Address> ipv4(String netns, String dev) {
        return InterfaceAddresses.ipv4(netns, dev);
    }

    /** Global-scope IPv6 addresses currently on {@code dev} in {@code netns}. */
    public List<Inet6Address> ipv6(String netns, String dev) {
        return InterfaceAddresses.ipv6(netns, dev);
    }

    private void requireRelay() {
        if (!config.relay) {
            throw new IllegalStateException("this topology has no relay namespace: build it withRelay()");
        }
    }

    private void requireIpv6() {
        if (config.serverCidr6 == null) {
            throw new IllegalStateException("this topology was built withoutIpv6()");
        }
    }

    private void requireRelay6() {
        requireRelay();
        requireIpv6();
    }

    private static String address(String cidr) {
        int slash = cidr.indexOf('/');
        return slash < 0 ? cidr : cidr.substring(0, slash);
    }

    /**
     * Kills everything still running in the namespaces, deletes them (and so the veths) and, if
     * this topology created it, the work directory. Idempotent; never throws: problems are
     * printed, since a cleanup failure must not mask the test's own result.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            List<String> problems = Namespaces.teardown(namespaces());
            if (!problems.isEmpty()) {
                System.err.println("netns topology " + id + ": incomplete cleanup: " + problems);
            }
        } catch (RuntimeException e) {
            System.err.println("netns topology " + id + ": cleanup failed: " + e);
        } finally {
            TopologyRegistry.unregister(this);
            if (ownsWorkDir && workDir != null) {
                deleteRecursively(workDir);
            }
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: it is a temp directory
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return "NetnsTopology[" + String.join(",", namespaces()) + "]";
    }
}
