package org.dhcpcluster.node.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.List;
import org.dhcpcluster.node.testing.DhclientV6;
import org.dhcpcluster.node.testing.DhcpV6Client;
import org.dhcpcluster.node.testing.DhcpcdV6;
import org.dhcpcluster.node.testing.InterfaceAddresses;
import org.dhcpcluster.node.testing.NetnsTopology;
import org.dhcpcluster.node.testing.Poll;
import org.dhcpcluster.node.testing.Prefix6;
import org.dhcpcluster.node.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ISC dhclient -6 (an address, and with -P a delegated prefix) and dhcpcd get, renew and
 * release DHCPv6 leases from a node in another network namespace, over one L2 link: SOLICITs
 * are real multicasts to ff02::1:2, answered to the client's link-local address. Addresses
 * must appear on the client's interface, and the server's own records (its lease API, read
 * from the journal) must show them bound and, after RELEASE, free.
 */
class RealClientsV6Test {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static NetnsTopology net;
    private static NodeInNamespace node;

    @BeforeAll
    static void startNode() {
        Tools.requireRootAndCommands("ip", "unshare", "nsenter", "curl", "dhclient", "dhcpcd");
        net = NetnsTopology.builder().label("real-clients6").create();
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

    private String state(String item) {
        return node.leases6().stream().filter(l -> l.address().equals(item)).findFirst()
                .orElseThrow(() -> new AssertionError("server has no record of " + item + "\n" + node.log())).state();
    }

    private void getRenewRelease(DhcpV6Client client, boolean renews) {
        client.start();
        Inet6Address address = client.awaitAddress(WAIT);
        String a = InterfaceAddresses.format6(address);
        assertTrue(inPool(address),
                client.name() + " got " + a + ", outside the pool " + NodeInNamespace.V6_POOL);
        assertEquals("bound", state(a));
        if (renews) {
            client.renew(WAIT);
            assertEquals(List.of(address), net.ipv6(net.clientNs(), net.clientIf()), "the renewed binding keeps the address");
            assertEquals("bound", state(a));
        }
        client.release();
        client.awaitNoAddress(WAIT);
        assertEquals("released", state(a), "after RELEASE the server must free " + a + "\n" + client.diagnostics() + "\n" + node.log());
    }

    /** Whether the address lies in {@link NodeInNamespace#V6_POOL} ("first - last"). */
    static boolean inPool(Inet6Address a) {
        String[] ends = NodeInNamespace.V6_POOL.split(" - ");
        BigInteger v = new BigInteger(1, a.getAddress());
        return v.compareTo(value(ends[0])) >= 0 && v.compareTo(value(ends[1])) <= 0;
    }

    static BigInteger value(String address) {
        return new BigInteger(1, InterfaceAddresses.parse6(address).getAddress());
    }

    @Test
    void iscDhclientGetsRenewsAndReleasesAnAddress() {
        try (DhclientV6 client = DhclientV6.on(net)) {
            getRenewRelease(client, true);
        }
    }

    @Test
    void iscDhclientGetsRenewsAndReleasesADelegatedPrefix() {
        try (DhclientV6 client = DhclientV6.on(net).prefixDelegation()) {
            client.start();
            Prefix6 prefix = client.awaitDelegatedPrefix(WAIT);
            assertEquals(56, prefix.length());
            assertTrue(Prefix6.parse(NodeInNamespace.V6_PD_POOL).contains(prefix), prefix + " is outside " + NodeInNamespace.V6_PD_POOL);
            assertEquals("bound", state(prefix.toString()));
            client.renew(WAIT);
            assertEquals(prefix, client.lease().prefixes().get(0), "the renewed binding keeps the prefix\n" + client.diagnostics());
            client.release();
            Poll.until(WAIT, () -> state(prefix.toString()).equals("released"),
                    () -> "after RELEASE the server must free " + prefix + "\n" + client.diagnostics() + "\n" + node.log());
        }
    }

    @Test
    void dhcpcdGetsAndReleasesAnAddress() {
        try (DhcpcdV6 client = DhcpcdV6.on(net)) {
            getRenewRelease(client, true);
        }
    }
}
