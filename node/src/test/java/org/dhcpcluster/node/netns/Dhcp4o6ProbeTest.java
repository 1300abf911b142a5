package org.dhcpcluster.node.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dhcpcluster.node.testing.Cmd;
import org.dhcpcluster.node.testing.NetnsTopology;
import org.dhcpcluster.node.testing.Tools;
import org.junit.jupiter.api.Test;

/**
 * The shared bench's independent DHCPv4-over-DHCPv6 probe (4o6-probe.py: raw RFC 7341
 * messages, scapy for the inner DHCPv4) against a node, from a client namespace over one L2
 * link: INFORMATION-REQUEST for option 88, then DHCPV4-QUERY(DISCOVER) and
 * DHCPV4-QUERY(REQUEST) multicast to ff02::1:2. The probe must see an OFFER and an ACK, and
 * the node's own v4 lease records must show the address bound.
 */
class Dhcp4o6ProbeTest {

    /** BENCH_DIR, else ../shared/bench beside the repository (the probe belongs to the bench kit, not to this repository). */
    private static Path probe() {
        String dir = System.getenv().getOrDefault("BENCH_DIR", "");
        Path bench = dir.isEmpty() ? Path.of("").toAbsolutePath().getParent().getParent().resolve("shared/bench") : Path.of(dir);
        return bench.resolve("4o6-probe.py");
    }

    @Test
    void theBenchProbeGetsAnOfferAndAnAckOverDhcpv6() {
        Tools.requireRootAndCommands("ip", "curl", "python3");
        Path probe = probe();
        Tools.requireFile(probe, "the bench kit's 4o6-probe.py (set BENCH_DIR to the kit's directory)");
        if (Cmd.run("/usr/bin/python3", "-c", "import scapy").exitCode() != 0) {
            Tools.unavailable("the probe needs python3-scapy");
        }
        try (NetnsTopology net = NetnsTopology.builder().label("4o6-probe").create();
             NodeInNamespace node = NodeInNamespace.start(net)) {
            Cmd.Result r = net.exec(net.clientNs(), "/usr/bin/python3", probe.toString(), "--iface", net.clientIf(), "--request",
                    "--timeout", "10");
            assertEquals(0, r.exitCode(), "probe failed:\n" + r.output() + "\nnode log:\n" + node.log());
            assertTrue(r.output().contains("inner DHCPOFFER") && r.output().contains("inner DHCPACK"), r.output());
            assertTrue(node.leases().stream().anyMatch(l -> l.address().startsWith("203.0.113.") && l.state().equals("bound")),
                    "the 4o6 lease is an ordinary v4 lease in the journal\n" + node.leases());
        }
    }
}
