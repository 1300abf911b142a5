package org.dhcpcluster.node.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dhcpcluster.node.testing.NetnsTopology;
import org.dhcpcluster.node.testing.Perfdhcp;
import org.dhcpcluster.node.testing.PerfdhcpReport;
import org.dhcpcluster.node.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invariant "no address bound twice" under DHCPv6 load: perfdhcp -6 runs the 4-way exchange
 * (SOLICIT, ADVERTISE, REQUEST, REPLY) for 2,000 distinct clients all at once, once as
 * directly attached clients multicasting to ff02::1:2 and once through a relay (-A1,
 * RELAY-FORW). The server's own records, read from its journal, must then hold 2,000 bound
 * addresses per link, all distinct, each held by a different IA, all inside the link's pool.
 */
class PerfdhcpV6UniquenessTest {
    private static final int CLIENTS = 2000;
    private static NetnsTopology net;
    private static NodeInNamespace node;

    @BeforeAll
    static void startNode() {
        Tools.requireRootAndCommands("ip", "curl", "perfdhcp");
        net = NetnsTopology.builder().label("perfdhcp6-2000").withRelay().create();
        node = NodeInNamespace.start(net);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (net != null) {
            net.close();
        }
    }

    @Test
    void twoThousandMulticastingClientsGetDistinctAddressesFromTheLinksPool() {
        PerfdhcpReport report = Perfdhcp.v6().avalanche().clients(CLIENTS).multicast(net.clientIf())
                .run(net, net.clientNs(), Duration.ofSeconds(240));
        assertAllProvisioned(report, "direct");
        assertDistinctInPool(NodeInNamespace.V6_POOL);
    }

    @Test
    void twoThousandRelayedClientsGetDistinctAddressesFromTheRelayedLinksPool() {
        PerfdhcpReport report = Perfdhcp.v6().avalanche().clients(CLIENTS)
                .relayed(net.relayAddress6().getHostAddress(), net.relayServerAddress6().getHostAddress())
                .run(net, net.relayNs(), Duration.ofSeconds(240));
        assertAllProvisioned(report, "relayed");
        assertDistinctInPool(NodeInNamespace.V6_RELAYED_POOL);
    }

    private static void assertAllProvisioned(PerfdhcpReport report, String how) {
        assertEquals(CLIENTS, report.provisionedClients().orElse(0),
                "perfdhcp must complete the exchange for every client:\n" + report.raw() + "\nnode log:\n" + node.log());
        System.out.printf("perfdhcp -6 avalanche (%s): %d clients provisioned in %s (SA %s, RR %s)%n", how, CLIENTS,
                report.provisionTime().map(Duration::toString).orElse("?"), report.solicitAdvertise(), report.requestReply());
    }

    private static void assertDistinctInPool(String pool) {
        String[] ends = pool.split(" - ");
        BigInteger first = RealClientsV6Test.value(ends[0]);
        BigInteger last = RealClientsV6Test.value(ends[1]);
        List<NodeInNamespace.ApiLease> bound = node.leases6().stream().filter(l -> l.state().equals("bound"))
                .filter(l -> !l.address().contains("/"))
                .filter(l -> {
                    BigInteger v = RealClientsV6Test.value(l.address());
                    return v.compareTo(first) >= 0 && v.compareTo(last) <= 0;
                }).toList();
        Set<String> addresses = new HashSet<>();
        Set<String> holders = new HashSet<>();
        for (NodeInNamespace.ApiLease l : bound) {
            assertTrue(addresses.add(l.address()), l.address() + " is listed twice");
            holders.add(l.client());
        }
        assertEquals(CLIENTS, addresses.size(), "one bound address per client in " + pool + ", in the server's records");
        assertEquals(CLIENTS, holders.size(), "each bound address belongs to a different IA");
        assertEquals("[]", node.overlaps("v6"), "addresses bound to two IAs at once, by the lease history");
    }
}
