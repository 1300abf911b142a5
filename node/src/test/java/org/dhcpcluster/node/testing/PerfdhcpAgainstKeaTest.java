package org.dhcpcluster.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The perfdhcp runner end to end, against ISC Kea, in each way a load can reach the server. */
@Tag("kea")
class PerfdhcpAgainstKeaTest {
    private static NetnsTopology topology;
    private static KeaDhcp4 kea;

    @BeforeAll
    static void startKea() {
        Tools.requireRootAndCommands("ip", "kea-dhcp4", "perfdhcp");
        topology = NetnsTopology.builder().label("perfdhcp-kea").withRelay().create();
        kea = KeaDhcp4.start(topology);
    }

    @AfterAll
    static void stop() {
        if (kea != null) {
            kea.close();
        }
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void relayedLoadFromTheRelayNamespaceGetsEveryLease() {
        PerfdhcpReport r = Perfdhcp.v4().clients(40).rate(40).maxExchanges(40).period(Duration.ofSeconds(2))
                .exitWait(Duration.ofMillis(500))
                .relayed(topology.relayAddress4().getHostAddress(), topology.relayServerAddress4().getHostAddress())
                .run(topology, topology.relayNs(), Duration.ofSeconds(30));

        assertTrue(r.discoverOffer().sent() > 0, r.raw());
        assertEquals(r.discoverOffer().sent(), r.leases(), r.raw());
        assertEquals(0, r.requestAck().drops(), r.raw());
        assertTrue(r.requestAck().avgDelayMs() > 0, r.raw());
    }

    @Test
    void broadcastLoadOnTheClientSegmentGetsAnswered() {
        // perfdhcp needs an address on the interface: it becomes giaddr
        topology.addAddress(topology.clientNs(), topology.clientIf(), "192.0.2.2/24");
        PerfdhcpReport r = Perfdhcp.v4().clients(20).rate(20).maxExchanges(20).period(Duration.ofSeconds(2))
                .exitWait(Duration.ofMillis(500)).broadcast(topology.clientIf())
                .run(topology, topology.clientNs(), Duration.ofSeconds(30));

        assertTrue(r.leases() > 0, r.raw());
        assertEquals(r.discoverOffer().sent(), r.leases(), r.raw());
    }

    @Test
    void avalancheReportsTheTimeToProvisionAllClients() {
        PerfdhcpReport r = Perfdhcp.v4().clients(100).avalanche()
                .relayed(topology.relayAddress4().getHostAddress(), topology.relayServerAddress4().getHostAddress())
                .run(topology, topology.relayNs(), Duration.ofSeconds(60));

        assertEquals(100, r.provisionedClients().orElseThrow(), r.raw());
        assertTrue(r.provisionTime().orElseThrow().compareTo(Duration.ofSeconds(60)) < 0, r.raw());
        assertEquals(100, r.leases(), r.raw());
    }
}
