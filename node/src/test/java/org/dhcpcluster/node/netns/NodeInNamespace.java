package org.dhcpcluster.node.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dhcpcluster.node.support.ManagementToken;
import org.dhcpcluster.node.support.LeaseApiPages;
import org.dhcpcluster.node.support.NodeProcess;
import org.dhcpcluster.node.testing.Cmd;
import org.dhcpcluster.node.testing.NetnsTopology;

/**
 * A node process in a topology's server namespace, as an operator would run it on a
 * server: port 67 on the server veths (per-interface sockets), embedded PostgreSQL with its
 * data in the topology's work directory. Its lease API is read from inside the namespace.
 */
public final class NodeInNamespace implements AutoCloseable {
    private final NetnsTopology net;
    private final NodeProcess process;

    /** A lease as the server's lease API reports it. */
    public record ApiLease(String address, String client, String state) {
    }

    private NodeInNamespace(NetnsTopology net, NodeProcess process) {
        this.net = net;
        this.process = process;
    }

    /** Addresses handed out on the client link (v6) and on the relayed link. */
    static final String V6_POOL = "2001:db8:1::1000 - 2001:db8:1::ffff";
    static final String V6_RELAYED_POOL = "2001:db8:2::1000 - 2001:db8:2::ffff";
    /** Where the client link's delegated /56 prefixes come from. */
    static final String V6_PD_POOL = "2001:db8:100::/40";
    /** v4 addresses for DHCPv4-over-DHCPv6 clients on the client link. */
    public static final String DHCP4O6_POOL = "203.0.113.100 - 203.0.113.199";

    /**
     * Starts a node serving 192.0.2.0/24 (pool .100-.199) on the client link and, when the
     * topology has a relay, 198.18.0.0/16 (pool 198.18.0.10 - 198.18.31.250) for clients
     * relayed from 198.51.100.2. With IPv6 in the topology it also serves DHCPv6: the client
     * link ({@link #V6_POOL}, /56 prefixes from {@link #V6_PD_POOL}) and, with a relay, the
     * relayed link ({@link #V6_RELAYED_POOL}).
     */
    public static NodeInNamespace start(NetnsTopology net) {
        List<String> interfaces = new ArrayList<>(List.of("\"" + net.serverIf() + "\""));
        String relayed = "";
        if (net.hasRelay()) {
            interfaces.add("\"" + net.serverRelayIf() + "\"");
            relayed = """
                    , { id = 2, subnet = "198.18.0.0/16", relay-addresses = ["%s"],
                        pools = ["198.18.0.10 - 198.18.31.250"], options { routers = "198.18.0.1" } }
                    """.formatted(net.relayAddress4().getHostAddress());
        }
        String v6 = net.hasIpv6() ? v6Section(net, interfaces) : "";
        if (net.hasIpv6()) {
            // DHCPv4-over-DHCPv6 clients on the client link get addresses from this v4 subnet.
            relayed += """
                    , { id = 3, subnet = "%s", pools = ["%s"], 4o6-subnet = "%s", options { routers = "203.0.113.1" } }
                    """.formatted("203.0.113.0/24", DHCP4O6_POOL, net.clientLinkPrefix6());
        }
        String conf = """
                dhcp {
                  management { host = "127.0.0.1", port = 8067, %s }
                  cluster { host = "127.0.0.1", port = 25520 }
                  database.embedded.data-directory = "%s"
                  v4 {
                    listen { port = 67, interfaces = [%s] }
                    service-address = "%s"
                    lease-time = 600
                    subnets = [
                      { id = 1, subnet = "192.0.2.0/24", interface = "%s", pools = ["192.0.2.100 - 192.0.2.199"],
                        options { routers = "192.0.2.1", domain-name-servers = ["192.0.2.53"], domain-name = "example.test" } }
                      %s
                    ]
                  }
                  %s
                }
                """.formatted(ManagementToken.setting(), net.workDir().resolve("postgres"), String.join(", ", interfaces),
                net.serverAddress4().getHostAddress(), net.serverIf(), relayed, v6);
        Path file = net.workDir().resolve("node.conf");
        try {
            Files.writeString(file, conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NodeInNamespace(net, NodeProcess.start(file, net.workDir(), Optional.of(net.serverNs()), Duration.ofSeconds(120)));
    }

    private static String v6Section(NetnsTopology net, List<String> interfaces) {
        String relayed = !net.hasRelay() ? "" : """
                , { id = 2, subnet = "%s", pools = ["%s"] }
                """.formatted(net.relayedLinkPrefix6(), V6_RELAYED_POOL);
        return """
                v6 {
                  listen { port = 547, interfaces = [%s] }
                  preferred-lifetime = 300, valid-lifetime = 600
                  subnets = [
                    { id = 1, subnet = "%s", interface = "%s", pools = ["%s"],
                      pd-pools = [ { prefix = "%s", delegated-length = 56 } ],
                      options { dns-servers = ["2001:db8:1::53"], domain-search = ["example.test"] } }
                    %s
                  ]
                }
                """.formatted(String.join(", ", interfaces), net.clientLinkPrefix6(), net.serverIf(), V6_POOL, V6_PD_POOL, relayed);
    }

    private static final Pattern LEASE = Pattern.compile(
            "\\{\"address\":\"([^\"]+)\",\"client\":\"([^\"]+)\",\"state\":\"([^\"]+)\"");

    /** Every DHCPv4 address on record, from the node's own journal through its lease API. */
    public List<ApiLease> leases() {
        return leases("/api/v4/leases");
    }

    /** Every DHCPv6 address and delegated prefix ("prefix/length") on record. */
    List<ApiLease> leases6() {
        return leases("/api/v6/leases");
    }

    /**
     * The lease history's self-check for {@code v4} or {@code v6}: "[]" unless an address or
     * prefix was bound to two clients at once, which one row per address in {@link #leases()}
     * could never show.
     */
    public String overlaps(String family) {
        return LeaseApiPages.overlaps(this::get, family);
    }

    private Optional<String> get(String pathAndQuery) {
        Cmd.Result r = net.exec(net.serverNs(), "curl", "-sf", "--max-time", "60",
                "-H", "Authorization: " + ManagementToken.authorization(), "http://127.0.0.1:8067" + pathAndQuery);
        return r.exitCode() == 0 ? Optional.of(r.output()) : Optional.empty();
    }

    private List<ApiLease> leases(String path) {
        String all = LeaseApiPages.all(this::get, path)
                .orElseThrow(() -> new AssertionError("lease API failed\nnode log:\n" + process.tail()));
        List<ApiLease> out = new ArrayList<>();
        Matcher m = LEASE.matcher(all);
        while (m.find()) {
            out.add(new ApiLease(m.group(1), m.group(2), m.group(3)));
        }
        return out;
    }

    Optional<ApiLease> lease(String address) {
        return leases().stream().filter(l -> l.address().equals(address)).findFirst();
    }

    public String log() {
        return process.tail();
    }

    @Override
    public void close() {
        process.close();
    }
}
