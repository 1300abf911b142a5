package org.dhcpcluster.node.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.dhcpcluster.node.netns.NodeInNamespace;
import org.dhcpcluster.node.testing.NetnsTopology;
import org.dhcpcluster.node.testing.Poll;
import org.dhcpcluster.node.testing.Tools;
import org.junit.jupiter.api.Test;

/**
 * Our DHCPv4-over-DHCPv6 client against our own node (dhcp-node's v6 edge answering
 * DHCPV4-QUERY from the 4o6 v4 subnet 203.0.113.0/24 of the client link), in namespaces:
 * <ul>
 *   <li>direct: the single-lease client multicasts (the node names no 4o6 server in option 88,
 *       so the client falls back to ff02::1:2), gets a lease the node's journal records as
 *       bound, and releases it;</li>
 *   <li>relayed: the load mode, as a relay agent on the client link (RELAY-FORW with its own
 *       link address, by unicast to the node), gets leases for several clients, all bound in
 *       the journal.</li>
 * </ul>
 */
class OurDhcp4o6ClientAgainstNodeTest {
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final String POOL_PREFIX = "203.0.113.";

    @Test
    void directAndRelayedDhcp4o6ClientsGetLeasesFromTheNode() {
        Tools.requireRootAndCommands("ip", "curl");
        try (NetnsTopology t = NetnsTopology.builder().label("ours-4o6-node").create();
             NodeInNamespace node = NodeInNamespace.start(t)) {
            String ip;
            try (ClientJar c = ClientJar.start(t, t.clientNs(), "client-4o6", "4o6", "--interface", t.clientIf(),
                    "--release")) {
                String servers = c.awaitEvent("4o6-servers", LEASE, node::log);
                assertTrue(servers.contains("\"fallback-multicast\":true"), servers);
                String bound = c.awaitEvent("bound", LEASE, node::log);
                ip = ClientJar.field(bound, "address");
                assertTrue(ip.startsWith(POOL_PREFIX), bound);
                assertEquals(0, c.waitFor(Duration.ofSeconds(20)), c.output());
                c.awaitEvent("released", Duration.ofSeconds(1));
            }
            String released = ip;
            Poll.until(Duration.ofSeconds(20), () -> node.leases().stream()
                            .anyMatch(l -> l.address().equals(released) && !l.state().equals("bound")),
                    () -> "the node should record the release of " + released + ": " + node.leases());

            // relayed: a relay agent on the client link (its own address there is the link-address)
            t.addAddress(t.clientNs(), t.clientIf(), "2001:db8:1::2/64");
            try (ClientJar load = ClientJar.start(t, t.clientNs(), "load-4o6", "load", "4o6", "--clients", "5",
                    "--rate", "20", "--relay", "2001:db8:1::2", "--server", "2001:db8:1::1", "--duration", "60")) {
                assertEquals(0, load.waitFor(Duration.ofSeconds(90)), load.output() + "\n" + node.log());
                String summary = load.awaitEvent("summary", Duration.ofSeconds(1));
                assertEquals(5, (int) ClientJar.number(summary, "bound"), summary);
                assertEquals(0, (int) ClientJar.number(summary, "failures"), summary);
            }
            long bound = node.leases().stream().filter(l -> l.address().startsWith(POOL_PREFIX) && l.state().equals("bound"))
                    .count();
            assertTrue(bound >= 5, "the five relayed 4o6 leases are bound in the journal: " + node.leases());
        }
    }
}
