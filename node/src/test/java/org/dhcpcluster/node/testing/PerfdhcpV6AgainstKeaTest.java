package org.dhcpcluster.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The DHCPv6 perfdhcp runner end to end against ISC kea-dhcp6, in each way a load reaches the
 * server: multicast from the client segment, and RELAY-FORW from the relay namespace. Kea's own
 * log is the second witness: it must have bound as many distinct addresses, in the subnet of the
 * link the clients are on, as perfdhcp counted.
 */
@Tag("kea")
class PerfdhcpV6AgainstKeaTest {
    private static final Pattern ALLOCATED = Pattern.compile("DHCP6_LEASE_ALLOC .*lease for address ([0-9a-f:]+) ");
    private static NetnsTopology topology;
    private static KeaDhcp6 kea;

    @BeforeAll
    static void startKea() {
        Tools.requireRootAndCommands("ip", "kea-dhcp6", "perfdhcp");
        topology = NetnsTopology.builder().label("perfdhcp6-kea").withRelay().create();
        kea = KeaDhcp6.start(topology);
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
    void everyOneOfTwoHundredDirectClientsCompletesTheFourWayExchangeByMulticast() {
        int logStart = kea.log().length();
        PerfdhcpReport r = Perfdhcp.v6().clients(200).avalanche().multicast(topology.clientIf())
                .run(topology, topology.clientNs(), Duration.ofSeconds(60));

        assertEquals(200, r.provisionedClients().orElseThrow(), r.raw());
        assertEquals(200, r.leases(), r.raw());
        assertEquals(r.solicitAdvertise().received(), r.requestReply().sent(), r.raw());
        assertEquals(200, allocatedSince(logStart, topology.clientLinkPrefix6()).size(), kea.diagnostics());
    }

    @Test
    void everyOneOfTwoHundredRelayedClientsCompletesTheFourWayExchangeInTheRelayedLinksSubnet() {
        int logStart = kea.log().length();
        PerfdhcpReport r = Perfdhcp.v6().clients(200).avalanche().relayed(relay(), server())
                .run(topology, topology.relayNs(), Duration.ofSeconds(60));

        assertEquals(200, r.provisionedClients().orElseThrow(), r.raw());
        assertEquals(200, r.leases(), r.raw());
        // selected by the RELAY-FORW's link-address, not by the interface the server received it on
        assertEquals(200, allocatedSince(logStart, topology.relayedLinkPrefix6()).size(), kea.diagnostics());
    }

    @Test
    void aRateLimitedRelayedLoadHasEveryExchangeAnswered() {
        PerfdhcpReport r = Perfdhcp.v6().clients(200).rate(100).maxExchanges(200).period(Duration.ofSeconds(5))
                .exitWait(Duration.ofMillis(500)).relayed(relay(), server())
                .run(topology, topology.relayNs(), Duration.ofSeconds(30));

        assertEquals(200, r.solicitAdvertise().sent(), r.raw());
        assertEquals(0, r.solicitAdvertise().drops(), r.raw());
        assertEquals(200, r.leases(), r.raw());
        assertEquals(0, r.requestReply().drops(), r.raw());
        assertTrue(r.requestReply().avgDelayMs() > 0, r.raw());
    }

    private static String relay() {
        return InterfaceAddresses.format6(topology.relayAddress6());
    }

    private static String server() {
        return InterfaceAddresses.format6(topology.relayServerAddress6());
    }

    // distinct addresses Kea logged as allocated after logStart, all of which must lie in link
    private static Set<Inet6Address> allocatedSince(int logStart, Prefix6 link) {
        Matcher m = ALLOCATED.matcher(kea.log().substring(logStart));
        Set<Inet6Address> all = m.results().map(x -> InterfaceAddresses.parse6(x.group(1))).collect(Collectors.toSet());
        for (Inet6Address a : all) {
            assertTrue(KeaDhcp6.inPool(link, a), InterfaceAddresses.format6(a) + " is not in the pool of " + link);
        }
        return all;
    }
}
