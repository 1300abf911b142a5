package org.dhcpcluster.node.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.function.Function;
import org.dhcpcluster.node.testing.DhclientV4;
import org.dhcpcluster.node.testing.DhcpV4Client;
import org.dhcpcluster.node.testing.DhcpcdV4;
import org.dhcpcluster.node.testing.NetnsTopology;
import org.dhcpcluster.node.testing.Tools;
import org.dhcpcluster.node.testing.UdhcpcV4;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ISC dhclient, dhcpcd and busybox udhcpc each get, renew and release a lease from a node in
 * another network namespace, across a veth pair (one L2 link: DISCOVER and the replies are
 * real broadcasts). The address must appear on the client's interface, and the server's own
 * records must show it bound to the client and then released.
 */
class RealClientsTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static NetnsTopology net;
    private static NodeInNamespace node;

    @BeforeAll
    static void startNode() {
        Tools.requireRootAndCommands("ip", "unshare", "curl", "dhclient", "dhcpcd", "udhcpc");
        net = NetnsTopology.builder().label("real-clients").withoutIpv6().create();
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

    private void getRenewRelease(Function<NetnsTopology, DhcpV4Client> clientOf) {
        try (DhcpV4Client client = clientOf.apply(net)) {
            client.start();
            Inet4Address address = client.awaitAddress(WAIT);
            String a = address.getHostAddress();
            assertTrue(a.matches("192\\.0\\.2\\.(1[0-9][0-9])"), client.name() + " got " + a + ", outside the pool");
            var bound = node.lease(a).orElseThrow(() -> new AssertionError("server has no record of " + a + "\n" + node.log()));
            assertEquals("bound", bound.state());

            Inet4Address renewed = client.renew(WAIT);
            assertEquals(address, renewed, client.name() + " must keep its address on renewal\n" + client.diagnostics());
            assertEquals("bound", node.lease(a).orElseThrow().state());

            client.release();
            client.awaitNoAddress(WAIT);
            String after = node.lease(a).orElseThrow().state();
            assertEquals("released", after, "after RELEASE the server must free " + a + "\n" + client.diagnostics() + "\n" + node.log());
        }
    }

    @Test
    void iscDhclientGetsRenewsAndReleasesALease() {
        getRenewRelease(DhclientV4::on);
    }

    @Test
    void dhcpcdGetsRenewsAndReleasesALease() {
        getRenewRelease(DhcpcdV4::on);
    }

    @Test
    void busyboxUdhcpcGetsRenewsAndReleasesALease() {
        getRenewRelease(UdhcpcV4::on);
    }
}
