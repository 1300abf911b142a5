package org.dhcpcluster.node.support;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.node.NodeRuntime;
import org.dhcpcluster.node.config.NodeConfigLoader;
import org.dhcpcluster.node.testing.Poll;

/**
 * N nodes in this JVM (one actor system each), one Pekko cluster over mutual TLS (as the
 * chart runs it), one PostgreSQL journal: node 1 is the seed. Node i serves relayed DHCPv4 on 127.0.0.1:{@link #port4(int)} for the
 * given relay addresses (subnet 198.18.0.0/15, room for any load), and relayed DHCPv6 on
 * [::]:{@link #port6(int)}.
 */
public final class LocalCluster implements AutoCloseable {
    private final List<NodeRuntime> nodes = new ArrayList<>();
    private final List<Integer> ports4 = new ArrayList<>();
    private final List<Integer> ports6 = new ArrayList<>();

    private static final String LOAD_SUBNET = """
            dhcp.v4.subnets = [ { id = 1, subnet = "198.18.0.0/15", pools = ["198.18.0.10 - 198.19.255.250"],
                                  relay-addresses = [%s], options { routers = "198.18.0.1" } } ]
            """;

    private static String relayList(String... relays) {
        return String.join(", ", Arrays.stream(relays).map(r -> "\"" + r + "\"").toList());
    }

    public static LocalCluster start(DatabaseSettings db, int size, String... relays) {
        LocalCluster c = new LocalCluster();
        List<Integer> clusterPorts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            clusterPorts.add(freeTcpPort());
        }
        String seed = "\"127.0.0.1:" + clusterPorts.get(0) + "\"";
        try {
            for (int i = 0; i < size; i++) {
                int p4 = TestNodes.freeUdpPort();
                int p6 = TestNodes.freeUdp6Port();
                Config raw = ConfigFactory.parseString("dhcp.cluster { host = \"127.0.0.1\", port = " + clusterPorts.get(i)
                                + ", seed-nodes = [" + seed + "], tls { directory = \"" + TestCertificates.sharedClusterSecret() + "\" } }\n"
                                + LOAD_SUBNET.formatted(relayList(relays)))
                        .withFallback(TestNodes.withV6(TestNodes.loopbackNode(db, p4, "192.0.2.10 - 192.0.2.250", relays), p6,
                                "2001:db8:1::1000 - 2001:db8:1::1fff", false));
                c.nodes.add(NodeRuntime.start(NodeConfigLoader.read(raw), raw));
                c.ports4.add(p4);
                c.ports6.add(p6);
            }
            for (NodeRuntime n : c.nodes) {
                Poll.until(Duration.ofSeconds(60), () -> upMembers(n) == size, () -> "the " + size + " nodes did not form one cluster");
            }
        } catch (RuntimeException | AssertionError e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Members this node sees as Up. */
    public static int upMembers(NodeRuntime n) {
        int up = 0;
        for (var m : Cluster.get(n.system()).state().getMembers()) {
            if (m.status() == MemberStatus.up()) {
                up++;
            }
        }
        return up;
    }

    public NodeRuntime node(int i) {
        return nodes.get(i - 1);
    }

    public int port4(int i) {
        return ports4.get(i - 1);
    }

    public int port6(int i) {
        return ports6.get(i - 1);
    }

    public static int freeTcpPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops every node still running, last first (coordinated shutdown each). */
    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }
}
