package org.dhcpcluster.node.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.dhcpcluster.node.testing.InterfaceAddresses;
import org.dhcpcluster.node.testing.KeaDhcp4o6;
import org.dhcpcluster.node.testing.NetnsTopology;
import org.dhcpcluster.node.testing.Poll;
import org.dhcpcluster.node.testing.ShortLeaseKea;
import org.dhcpcluster.node.testing.Tools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Our own clients (dhcp-client.jar, the v4, v6 and 4o6 state machines on real sockets) against
 * ISC Kea, an independent server, in network namespaces: each obtains a lease, renews it at the
 * short T1 Kea's config sets (3 s), and releases it on SIGTERM, exiting 0; Kea's own log confirms
 * the allocation, the renewal and the release.
 */
@Tag("kea")
class OurClientsAgainstKeaTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration KEA_LOG = Duration.ofSeconds(10);

    @Test
    void v4ClientGetsRenewsAndReleasesALease() {
        Tools.requireRootAndCommands("ip", "kea-dhcp4");
        try (NetnsTopology t = NetnsTopology.builder().label("ours-v4").create();
             ShortLeaseKea kea = ShortLeaseKea.v4(t);
             ClientJar c = ClientJar.start(t, t.clientNs(), "client-v4", "v4", "--interface", t.clientIf())) {
            String bound = c.awaitEvent("bound", LEASE, kea::diagnostics);
            String ip = ClientJar.field(bound, "address");
            assertTrue(ip.startsWith("192.0.2."), bound);
            kea.awaitLog("lease " + ip + " has been allocated", KEA_LOG);
            assertEquals(List.of(InterfaceAddresses.parse4(ip)), t.ipv4(t.clientNs(), t.clientIf()),
                    "the client puts its address on the interface (renewals are unicast from it)");

            String renewed = c.awaitEvent("renewed", LEASE, kea::diagnostics);
            assertEquals(ip, ClientJar.field(renewed, "address"), c.output());
            Poll.until(KEA_LOG, () -> count(kea.log(), "lease " + Pattern.quote(ip) + " has been allocated") >= 2,
                    () -> "Kea did not log the renewal\n" + kea.diagnostics());

            assertTrue(c.signal("TERM"));
            assertEquals(0, c.waitFor(Duration.ofSeconds(15)), c.output());
            c.awaitEvent("released", Duration.ofSeconds(1));
            kea.awaitLog("address " + ip + " was released properly", KEA_LOG);
            assertTrue(t.ipv4(t.clientNs(), t.clientIf()).isEmpty(), "the released address leaves the interface");
        }
    }

    @Test
    void v6ClientGetsRenewsAndReleasesALease() {
        Tools.requireRootAndCommands("ip", "kea-dhcp6");
        try (NetnsTopology t = NetnsTopology.builder().label("ours-v6").create();
             ShortLeaseKea kea = ShortLeaseKea.v6(t);
             ClientJar c = ClientJar.start(t, t.clientNs(), "client-v6", "v6", "--interface", t.clientIf())) {
            String bound = c.awaitEvent("bound", LEASE, kea::diagnostics);
            String ip = ClientJar.field(bound, "address");
            assertTrue(t.clientLinkPrefix6().contains(InterfaceAddresses.parse6(ip)), bound);
            awaitKea(kea, "DHCP6_LEASE_ALLOC .*lease for address " + Pattern.quote(ip) + " ");

            String renewed = c.awaitEvent("renewed", LEASE, kea::diagnostics);
            assertEquals(ip, ClientJar.field(renewed, "address"), c.output());
            awaitKea(kea, "DHCP6_LEASE_RENEW .*lease for address " + Pattern.quote(ip) + " ");

            assertTrue(c.signal("TERM"));
            assertEquals(0, c.waitFor(Duration.ofSeconds(15)), c.output());
            c.awaitEvent("released", Duration.ofSeconds(1));
            awaitKea(kea, "DHCP6_RELEASE_NA .*address " + Pattern.quote(ip) + " .*released properly");
        }
    }

    @Test
    void dhcp4o6ClientLearnsTheServerGetsRenewsAndReleasesALease() {
        Tools.requireRootAndCommands("ip", "kea-dhcp4", "kea-dhcp6");
        try (NetnsTopology t = NetnsTopology.builder().label("ours-4o6").create();
             KeaDhcp4o6 kea = KeaDhcp4o6.start(t)) {
            onLinkRoute(t);
            try (ClientJar c = ClientJar.start(t, t.clientNs(), "client-4o6", "4o6", "--interface", t.clientIf())) {
                runThrough4o6(t, kea, c);
            }
        }
    }

    private static void runThrough4o6(NetnsTopology t, KeaDhcp4o6 kea, ClientJar c) {
        String servers = c.awaitEvent("4o6-servers", LEASE);
        assertTrue(servers.contains(InterfaceAddresses.format6(KeaDhcp4o6.serverAddress(t))),
                "option 88 names Kea's address: " + servers);
        String bound = c.awaitEvent("bound", LEASE, kea::diagnostics);
        String ip = ClientJar.field(bound, "address");
        assertTrue(ip.startsWith(KeaDhcp4o6.POOL_PREFIX), bound);
        kea.awaitLog4("lease " + ip + " has been allocated", KEA_LOG);

        String renewed = c.awaitEvent("renewed", LEASE, kea::diagnostics);
        assertEquals(ip, ClientJar.field(renewed, "address"), c.output());
        Poll.until(KEA_LOG, () -> count(kea.log4(), "lease " + Pattern.quote(ip) + " has been allocated") >= 2,
                () -> "Kea did not log the renewal\n" + kea.diagnostics());

        assertTrue(c.signal("TERM"));
        assertEquals(0, c.waitFor(Duration.ofSeconds(15)), c.output());
        kea.awaitLog4("address " + ip + " was released properly", KEA_LOG);
    }

    /**
     * The client link's prefix as on-link in the client namespace, as a router advertisement
     * would make it: the 4o6 server address of option 88 is a global address, reached from the
     * client's link-local one, and the namespace has no routes of its own.
     */
    static void onLinkRoute(NetnsTopology t) {
        var r = t.exec(t.clientNs(), "ip", "-6", "route", "add", t.clientLinkPrefix6().toString(), "dev", t.clientIf());
        assertEquals(0, r.exitCode(), r.toString());
    }

    private static void awaitKea(ShortLeaseKea kea, String regex) {
        Pattern p = Pattern.compile(regex);
        Poll.until(KEA_LOG, () -> p.matcher(kea.log()).find(), () -> "Kea logged no line matching " + regex + "\n"
                + kea.diagnostics());
    }

    static int count(String text, String regex) {
        return (int) Pattern.compile(regex).matcher(text).results().count();
    }
}
