package org.dhcpcluster.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dhcpcluster.node.support.LeaseRecords4;
import org.dhcpcluster.node.support.NetnsClusterScript;
import org.dhcpcluster.node.testing.Cmd;
import org.dhcpcluster.node.testing.DhclientV4;
import org.dhcpcluster.node.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes on one LAN (deploy/cluster/netns-cluster.sh): every broadcast DISCOVER reaches all
 * three, yet each transaction gets exactly one OFFER, counted on the wire in the clients'
 * namespace; and a real dhclient gets its lease from the three of them, which the server's own
 * records then show bound to it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OneAnswerPerTransactionOnOneLanTest {
    private static final int TRANSACTIONS = 40;
    private static final Path PROBE = Path.of("src", "test", "resources", "cluster", "offers_per_transaction.py").toAbsolutePath();
    private static final Pattern DISCOVERS = Pattern.compile("dhcp4_received_total\\{type=\"DHCPDISCOVER\"} ([0-9.]+)");

    @TempDir
    static Path work;

    private NetnsClusterScript cluster;

    @BeforeAll
    void threeNodesOnOneBridge() {
        Tools.requireRootAndCommands("ip", "curl", "setsid", "unshare", "dhclient");
        cluster = new NetnsClusterScript(work.resolve("cluster"));
        cluster.must(300, "up", "3");
    }

    @AfterAll
    void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aBroadcastDiscoverHeardByThreeNodesGetsExactlyOneOffer() {
        Cmd.Result scapy = Cmd.run("/usr/bin/python3", "-c", "import scapy");
        Assumptions.assumeTrue(scapy.ok() || "true".equals(System.getenv(Tools.CI_VARIABLE)),
                "counting OFFERs on the wire needs python3-scapy");
        Map<Integer, Double> before = discoversHeard();

        Cmd.Result probe = Cmd.run(Duration.ofSeconds(120), List.of(Tools.executable("ip"), "netns", "exec", cluster.ns("clients"),
                "/usr/bin/python3", PROBE.toString(), "eth0", Integer.toString(TRANSACTIONS), "5"));
        assertTrue(probe.ok(), probe.describe());

        Map<Integer, Double> after = discoversHeard();
        String json = probe.output().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow(() -> new AssertionError(probe.describe()));
        Map<String, Integer> byNode = new TreeMap<>();
        Matcher m = Pattern.compile("\"(192\\.0\\.2\\.\\d+)\"").matcher(json);
        while (m.find()) {
            byNode.merge(m.group(1), 1, Integer::sum);
        }
        System.out.printf("%d broadcast DISCOVERs; heard by node 1, 2, 3: %.0f, %.0f, %.0f; OFFERs per node %s; %s%n", TRANSACTIONS,
                after.get(1) - before.get(1), after.get(2) - before.get(2), after.get(3) - before.get(3), byNode,
                json.replaceAll("\"offers\": \\{[^}]*\\}, ", ""));
        for (int i = 1; i <= 3; i++) {
            assertEquals(TRANSACTIONS, after.get(i) - before.get(i), 0.1, "DISCOVERs node " + i + " heard");
        }
        assertTrue(json.contains("\"unanswered\": 0"), "every transaction got an OFFER: " + json);
        assertTrue(json.contains("\"answered_more_than_once\": 0"), "no transaction got two OFFERs: " + json);
        assertEquals(TRANSACTIONS, byNode.values().stream().mapToInt(Integer::intValue).sum(), "OFFERs counted: " + json);
    }

    @Test
    @Order(2)
    void dhclientGetsALeaseFromTheThreeNodesAndTheirRecordsShowIt() throws Exception {
        try (DhclientV4 dhclient = new DhclientV4(cluster.ns("clients"), "eth0", Files.createDirectories(work.resolve("dhclient")))) {
            dhclient.start();
            Inet4Address address = dhclient.awaitAddress(Duration.ofSeconds(60));
            String mac = Cmd.run(Tools.executable("ip"), "-n", cluster.ns("clients"), "-o", "link", "show", "eth0").output()
                    .replaceAll("(?s).*link/ether ([0-9a-f:]+).*", "$1").strip();
            LeaseRecords4 records = LeaseRecords4.parse(cluster.get(2, "/api/v4/leases").orElseThrow());
            System.out.printf("dhclient (%s) bound %s from a cluster of three; node 2 records %d bound addresses%n", mac,
                    address.getHostAddress(), records.bound());
            assertTrue(address.getHostAddress().startsWith("192.0.2."), "an address of the LAN's subnet: " + address);
            assertEquals(List.of(), records.missing(Map.of(mac, address.getHostAddress())), "dhclient's lease in the records");
            assertEquals(List.of(), records.addressesListedTwice());
        }
    }

    /** DISCOVERs each node has received so far, from its metrics. */
    private Map<Integer, Double> discoversHeard() {
        Map<Integer, Double> heard = new TreeMap<>();
        for (int i = 1; i <= 3; i++) {
            String metrics = cluster.get(i, "/metrics").orElseThrow(() -> new AssertionError("no metrics from a node"));
            Matcher m = DISCOVERS.matcher(metrics);
            heard.put(i, m.find() ? Double.parseDouble(m.group(1)) : 0.0);
        }
        return heard;
    }
}
