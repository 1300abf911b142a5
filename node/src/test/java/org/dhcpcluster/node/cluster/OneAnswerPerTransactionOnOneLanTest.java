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
import org.dhcpcluster.node.support.LeaseApiPages;
import org.dhcpcluster.node.support.LeaseRecords4;
import org.dhcpcluster.node.support.NetnsClusterScript;
import org.dhcpcluster.node.testing.Cmd;
import org.dhcpcluster.node.testing.DhclientV4;
import org.dhcpcluster.node.testing.DhclientV6;
import org.dhcpcluster.node.testing.InterfaceAddresses;
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
 * namespace; a real dhclient gets its lease from the three of them, which the server's own
 * records then show bound to it; and dhclient -6 gets an address by multicast SOLICIT, every
 * node hearing each SOLICIT and the three together advertising once per SOLICIT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OneAnswerPerTransactionOnOneLanTest {
    private static final int TRANSACTIONS = 40;
    private static final Path PROBE = Path.of("src", "test", "resources", "cluster", "offers_per_transaction.py").toAbsolutePath();
    private static final String DISCOVERS = "dhcp4_received_total{type=\"DHCPDISCOVER\"}";
    private static final String SOLICITS = "dhcp6_received_total{type=\"SOLICIT\"}";
    private static final String ADVERTISES = "dhcp6_sent_total{type=\"ADVERTISE\"}";

    @TempDir
    static Path work;

    private NetnsClusterScript cluster;

    @BeforeAll
    void threeNodesOnOneBridge() {
        Tools.requireRootAndCommands("ip", "curl", "setsid", "unshare", "nsenter", "dhclient");
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
        Map<Integer, Double> before = counters(DISCOVERS);

        Cmd.Result probe = Cmd.run(Duration.ofSeconds(120), List.of(Tools.executable("ip"), "netns", "exec", cluster.ns("clients"),
                "/usr/bin/python3", PROBE.toString(), "eth0", Integer.toString(TRANSACTIONS), "5"));
        assertTrue(probe.ok(), probe.describe());

        Map<Integer, Double> after = counters(DISCOVERS);
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
            LeaseRecords4 records = LeaseRecords4.parse(LeaseApiPages.all(p -> cluster.get(2, p), "/api/v4/leases").orElseThrow());
            System.out.printf("dhclient (%s) bound %s from a cluster of three; node 2 records %d bound addresses%n", mac,
                    address.getHostAddress(), records.bound());
            assertTrue(address.getHostAddress().startsWith("192.0.2."), "an address of the LAN's subnet: " + address);
            assertEquals(List.of(), records.missing(Map.of(mac, address.getHostAddress())), "dhclient's lease in the records");
            assertEquals(List.of(), records.addressesListedTwice());
            assertEquals("[]", LeaseApiPages.overlaps(p -> cluster.get(2, p), "v4"), "addresses bound to two clients at once, by the lease history");
        }
    }

    @Test
    @Order(3)
    void dhclientV6GetsAnAddressByMulticastAndEachSolicitIsAdvertisedOnce() throws Exception {
        Map<Integer, Double> solicits = counters(SOLICITS);
        Map<Integer, Double> advertises = counters(ADVERTISES);
        try (DhclientV6 dhclient = new DhclientV6(cluster.ns("clients"), "eth0", Files.createDirectories(work.resolve("dhclient6")))) {
            dhclient.start();
            String address = InterfaceAddresses.format6(dhclient.awaitAddress(Duration.ofSeconds(60)));
            String leases = LeaseApiPages.all(p -> cluster.get(3, p), "/api/v6/leases").orElseThrow();
            Map<Integer, Double> heard = delta(solicits, counters(SOLICITS));
            double advertised = delta(advertises, counters(ADVERTISES)).values().stream().mapToDouble(Double::doubleValue).sum();
            System.out.printf("dhclient -6 bound %s; SOLICITs heard by node 1, 2, 3: %s; ADVERTISEs sent by the three: %.0f%n",
                    address, heard.values(), advertised);
            assertTrue(leases.contains("{\"address\":\"" + address + "\""), address + " in node 3's records: " + leases);
            assertTrue(heard.values().stream().allMatch(n -> n >= 1 && n.equals(heard.get(1))), "every node heard every SOLICIT: " + heard);
            assertEquals(heard.get(1), advertised, 0.1, "one ADVERTISE per SOLICIT, from the three nodes together");
        }
    }

    /** A counter's value on each node, from its metrics (0 if the node has not counted any yet). */
    private Map<Integer, Double> counters(String name) {
        Pattern value = Pattern.compile(Pattern.quote(name) + " ([0-9.]+)");
        Map<Integer, Double> byNode = new TreeMap<>();
        for (int i = 1; i <= 3; i++) {
            String metrics = cluster.get(i, "/metrics").orElseThrow(() -> new AssertionError("no metrics from a node"));
            Matcher m = value.matcher(metrics);
            byNode.put(i, m.find() ? Double.parseDouble(m.group(1)) : 0.0);
        }
        return byNode;
    }

    private static Map<Integer, Double> delta(Map<Integer, Double> before, Map<Integer, Double> after) {
        Map<Integer, Double> d = new TreeMap<>();
        after.forEach((node, v) -> d.put(node, v - before.get(node)));
        return d;
    }
}
