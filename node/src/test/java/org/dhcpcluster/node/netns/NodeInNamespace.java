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
import org.dhcpcluster.node.support.NodeProcess;
import org.dhcpcluster.node.testing.Cmd;
import org.dhcpcluster.node.testing.NetnsTopology;

/**
 * A node process in a topology's server namespace, as an operator would run it on a
 * server: port 67 on the server veths (per-interface sockets), embedded PostgreSQL with its
 * data in the topology's work directory. Its lease API is read from inside the namespace.
 */
final class NodeInNamespace implements AutoCloseable {
    private final NetnsTopology net;
    private final NodeProcess process;

    /** A lease as the server's lease API reports it. */
    record ApiLease(String address, String client, String state) {
    }

    private NodeInNamespace(NetnsTopology net, NodeProcess process) {
        this.net = net;
        this.process = process;
    }

    /**
     * Starts a node serving 192.0.2.0/24 (pool .100-.199) on the client link and, when the
     * topology has a relay, 198.18.0.0/16 (pool 198.18.0.10 - 198.18.31.250) for clients
     * relayed from 198.51.100.2.
     */
    static NodeInNamespace start(NetnsTopology net) {
        List<String> interfaces = new ArrayList<>(List.of("\"" + net.serverIf() + "\""));
        String relayed = "";
        if (net.hasRelay()) {
            interfaces.add("\"" + net.serverRelayIf() + "\"");
            relayed = """
                    , { id = 2, subnet = "198.18.0.0/16", relay-addresses = ["%s"],
                        pools = ["198.18.0.10 - 198.18.31.250"], options { routers = "198.18.0.1" } }
                    """.formatted(net.relayAddress4().getHostAddress());
        }
        String conf = """
                dhcp {
                  management { host = "127.0.0.1", port = 8067 }
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
                }
                """.formatted(net.workDir().resolve("postgres"), String.join(", ", interfaces),
                net.serverAddress4().getHostAddress(), net.serverIf(), relayed);
        Path file = net.workDir().resolve("node.conf");
        try {
            Files.writeString(file, conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NodeInNamespace(net, NodeProcess.start(file, net.workDir(), Optional.of(net.serverNs()), Duration.ofSeconds(120)));
    }

    private static final Pattern LEASE = Pattern.compile(
            "\\{\"address\":\"([^\"]+)\",\"client\":\"([^\"]+)\",\"state\":\"([^\"]+)\"");

    /** Every address on record, from the node's own journal through its lease API. */
    List<ApiLease> leases() {
        Cmd.Result r = net.exec(net.serverNs(), "curl", "-sf", "--max-time", "60", "http://127.0.0.1:8067/api/v4/leases");
        if (r.exitCode() != 0) {
            throw new AssertionError("lease API failed: " + r + "\nnode log:\n" + process.tail());
        }
        List<ApiLease> out = new ArrayList<>();
        Matcher m = LEASE.matcher(r.output());
        while (m.find()) {
            out.add(new ApiLease(m.group(1), m.group(2), m.group(3)));
        }
        return out;
    }

    Optional<ApiLease> lease(String address) {
        return leases().stream().filter(l -> l.address().equals(address)).findFirst();
    }

    String log() {
        return process.tail();
    }

    @Override
    public void close() {
        process.close();
    }
}
