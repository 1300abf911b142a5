package org.dhcpcluster.node.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dhcpcluster.lease.v4.policy.AddressRange;
import org.dhcpcluster.node.testing.NetnsTopology;
import org.dhcpcluster.node.testing.Perfdhcp;
import org.dhcpcluster.node.testing.PerfdhcpReport;
import org.dhcpcluster.node.testing.Tools;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.junit.jupiter.api.Test;

/**
 * Invariant "no address bound twice" under load: perfdhcp, as a relay, runs DORA for 2,000
 * distinct clients all at once (avalanche: every client starts together, retransmitting with
 * back-off until it has a lease). Afterwards the server's own records must hold 2,000 bound
 * addresses, all distinct and all inside the pool, and the lease history must show no address
 * bound to two clients at any moment of the run.
 */
class PerfdhcpUniquenessTest {
    private static final int CLIENTS = 2000;
    private static final AddressRange POOL = new AddressRange(Ipv4.toInt(Ipv4.parse("198.18.0.10")), Ipv4.toInt(Ipv4.parse("198.18.31.250")));

    @Test
    void twoThousandPerfdhcpClientsGetDistinctAddressesFromThePool() {
        Tools.requireRootAndCommands("ip", "curl", "perfdhcp");
        try (NetnsTopology net = NetnsTopology.builder().label("perfdhcp-2000").withoutIpv6().withRelay().create();
             NodeInNamespace node = NodeInNamespace.start(net)) {
            PerfdhcpReport report = Perfdhcp.v4().avalanche().clients(CLIENTS)
                    .relayed(net.relayAddress4().getHostAddress(), net.relayServerAddress4().getHostAddress())
                    .run(net, net.relayNs(), Duration.ofSeconds(180));
            assertEquals(CLIENTS, report.provisionedClients().orElse(0),
                    "perfdhcp must complete DORA for every client:\n" + report.raw() + "\nnode log:\n" + node.log());

            System.out.printf("perfdhcp avalanche: %d clients provisioned in %s (DO %s, RA %s)%n", CLIENTS,
                    report.provisionTime().map(Duration::toString).orElse("?"), report.discoverOffer(), report.requestAck());
            List<NodeInNamespace.ApiLease> bound = node.leases().stream()
                    .filter(l -> l.state().equals("bound") && l.address().startsWith("198.18.")).toList();
            Set<String> addresses = new HashSet<>();
            Set<String> clients = new HashSet<>();
            for (NodeInNamespace.ApiLease l : bound) {
                assertTrue(addresses.add(l.address()), l.address() + " is listed twice");
                assertTrue(POOL.contains(Ipv4.toInt(Ipv4.parse(l.address()))), l.address() + " is outside the pool " + POOL);
                clients.add(l.client());
            }
            assertEquals(CLIENTS, addresses.size(), "one bound address per client in the server's records");
            assertEquals(CLIENTS, clients.size(), "each bound address belongs to a different client");
            assertEquals("[]", node.overlaps("v4"), "addresses bound to two clients at once, by the lease history");
        }
    }
}
