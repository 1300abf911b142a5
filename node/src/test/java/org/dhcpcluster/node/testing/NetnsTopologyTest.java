package org.dhcpcluster.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetnsTopologyTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void needsNamespaces() {
        Tools.requireRootAndCommands("ip", "sh");
    }

    @Test
    void comesUpWithDocumentationAddressesOnLinksThatAreUp() {
        try (NetnsTopology t = NetnsTopology.builder().label("comes-up").withRelay().workDir(tmp).create()) {
            assertTrue(Namespaces.list().containsAll(t.namespaces()), Namespaces.list().toString());
            assertEquals(List.of(InterfaceAddresses.parse4("192.0.2.1")), t.ipv4(t.serverNs(), t.serverIf()));
            assertEquals(List.of(), t.ipv4(t.clientNs(), t.clientIf()), "the client end is left for DHCP");
            assertEquals(List.of(InterfaceAddresses.parse4("198.51.100.1")), t.ipv4(t.serverNs(), t.serverRelayIf()));
            assertEquals(List.of(InterfaceAddresses.parse4("198.51.100.2")), t.ipv4(t.relayNs(), t.relayIf()));
            String v6 = t.exec(t.serverNs(), "ip", "-6", "-o", "addr", "show", "dev", t.serverIf()).output();
            assertTrue(v6.contains("2001:db8:1::1/64"), v6);
            for (String[] end : new String[][] {{t.serverNs(), t.serverIf()}, {t.clientNs(), t.clientIf()},
                    {t.serverNs(), t.serverRelayIf()}, {t.relayNs(), t.relayIf()}}) {
                String link = t.exec(end[0], "ip", "-o", "link", "show", "dev", end[1]).output();
                assertTrue(link.contains("LOWER_UP"), link);
                String dad = t.exec(end[0], "cat", "/proc/sys/net/ipv6/conf/" + end[1] + "/accept_dad").output();
                assertEquals("0", dad.strip(), "DAD must be off on " + end[1]);
            }
            String lo = t.exec(t.clientNs(), "ip", "-o", "link", "show", "dev", "lo").output();
            assertTrue(lo.contains("UP"), lo);
        }
    }

    @Test
    void relayedTopologyHasIpv6OnEveryLinkAndTheRelayedLinkRoutedToTheRelay() {
        try (NetnsTopology t = NetnsTopology.builder().label("ipv6").withRelay().workDir(tmp).create()) {
            assertEquals(List.of(v6("2001:db8:1::1")), t.ipv6(t.serverNs(), t.serverIf()));
            assertEquals(List.of(), t.ipv6(t.clientNs(), t.clientIf()), "the client end is left for DHCPv6");
            assertEquals(List.of(v6("2001:db8:ff::1")), t.ipv6(t.serverNs(), t.serverRelayIf()));
            assertEquals(List.of(v6("2001:db8:ff::2")), t.ipv6(t.relayNs(), t.relayIf()));
            assertEquals(List.of(v6("2001:db8:2::1")), t.ipv6(t.relayNs(), t.relayClientIf()));
            assertEquals(List.of(), t.ipv6(t.clientNs(), t.relayedClientIf()), "relayed clients get theirs by DHCPv6");

            assertEquals(v6("2001:db8:1::1"), t.serverAddress6());
            assertEquals("2001:db8:1::/64", t.clientLinkPrefix6().toString());
            assertEquals(v6("2001:db8:ff::1"), t.relayServerAddress6());
            assertEquals(v6("2001:db8:ff::2"), t.relayUplinkAddress6());
            assertEquals(v6("2001:db8:2::1"), t.relayAddress6());
            assertEquals("2001:db8:2::/64", t.relayedLinkPrefix6().toString());

            for (String[] end : new String[][] {{t.relayNs(), t.relayClientIf()}, {t.clientNs(), t.relayedClientIf()}}) {
                String link = t.exec(end[0], "ip", "-o", "link", "show", "dev", end[1]).output();
                assertTrue(link.contains("LOWER_UP"), link);
                String dad = t.exec(end[0], "cat", "/proc/sys/net/ipv6/conf/" + end[1] + "/accept_dad").output();
                assertEquals("0", dad.strip(), "DAD must be off on " + end[1]);
            }
            String route = t.exec(t.serverNs(), "ip", "-6", "route", "show", "2001:db8:2::/64").output();
            assertTrue(route.contains("via 2001:db8:ff::2"), route);
        }
    }

    @Test
    void ipv6AddressesLinkLocalOnesIncludedAreUsableAsSoonAsTheTopologyExists() {
        try (NetnsTopology t = NetnsTopology.builder().label("ipv6-udp").withRelay().workDir(tmp).create()) {
            for (String[] end : new String[][] {{t.serverNs(), t.serverIf()}, {t.clientNs(), t.clientIf()},
                    {t.relayNs(), t.relayIf()}, {t.relayNs(), t.relayClientIf()}, {t.clientNs(), t.relayedClientIf()}}) {
                String all = t.exec(end[0], "ip", "-6", "-o", "addr", "show", "dev", end[1]).output();
                assertTrue(all.contains("scope link"), all);
                assertFalse(all.contains("tentative"), "nothing may wait for DAD: " + all);
            }
            // what DHCPv6 replies to directly attached clients use: the link-local addresses
            String serverLinkLocal = linkLocal(t, t.serverNs(), t.serverIf());
            UdpProbe.roundTrip(t.clientNs(), t.serverNs(), serverLinkLocal + "%" + t.clientIf(), 40546, tmp,
                    Duration.ofSeconds(10));
            // relay to server, and server back to the relayed link's address through the relay
            UdpProbe.roundTrip(t.relayNs(), t.serverNs(), "2001:db8:ff::1", 40547, tmp, Duration.ofSeconds(10));
            UdpProbe.roundTrip(t.serverNs(), t.relayNs(), "2001:db8:2::1", 40548, tmp, Duration.ofSeconds(10));
        }
    }

    @Test
    void aTopologyWithoutIpv6HasNeitherIpv6AddressesNorTheRelayedLink() {
        try (NetnsTopology t = NetnsTopology.builder().withRelay().withoutIpv6().workDir(tmp).create()) {
            assertFalse(t.hasIpv6());
            assertEquals(List.of(), t.ipv6(t.serverNs(), t.serverIf()));
            assertThrows(IllegalStateException.class, t::serverAddress6);
            assertThrows(IllegalStateException.class, t::relayAddress6);
            assertThrows(IllegalStateException.class, t::relayedClientIf);
            String links = t.exec(t.clientNs(), "ip", "-o", "link", "show").output();
            assertFalse(links.contains(t.clientNs() + "1"), links);
        }
    }

    private static Inet6Address v6(String literal) {
        return InterfaceAddresses.parse6(literal);
    }

    private static String linkLocal(NetnsTopology t, String ns, String dev) {
        String out = t.exec(ns, "ip", "-6", "-o", "addr", "show", "dev", dev, "scope", "link").output();
        Matcher m = Pattern.compile("inet6 (fe80:[0-9a-f:]+)/64").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    @Test
    void namesAreShortPrefixedAndUniqueAcrossTopologies() {
        try (NetnsTopology a = NetnsTopology.create(); NetnsTopology b = NetnsTopology.create()) {
            assertNotEquals(a.id(), b.id());
            for (NetnsTopology t : List.of(a, b)) {
                for (String name : List.of(t.serverNs(), t.clientNs(), t.serverIf(), t.clientIf())) {
                    assertTrue(name.matches("dct[0-9a-f]{4}[a-z]0?"), name);
                    assertTrue(name.length() <= 15, name);
                }
            }
        }
    }

    @Test
    void udpCrossesTheClientSegmentAndTheRelayLink() {
        try (NetnsTopology t = NetnsTopology.builder().withRelay().workDir(tmp).create()) {
            t.addAddress(t.clientNs(), t.clientIf(), "192.0.2.2/24");
            UdpProbe.roundTrip(t.clientNs(), t.serverNs(), "192.0.2.1", 40067, tmp, Duration.ofSeconds(10));
            UdpProbe.roundTrip(t.relayNs(), t.serverNs(), "198.51.100.1", 40068, tmp, Duration.ofSeconds(10));
        }
    }

    @Test
    void closeKillsWhatStillRunsInsideAndRemovesTheNamespaces() {
        NetnsTopology t = NetnsTopology.builder().withRelay().workDir(tmp).create();
        // one process shrugs off SIGTERM, another is a detached grandchild no longer our descendant
        NamespacedProcess stubborn = t.start(t.serverNs(), "stubborn", "sh", "-c", "trap '' TERM; sleep 300 & wait");
        NamespacedProcess plain = t.start(t.clientNs(), "plain", "sleep", "300");
        t.exec(t.relayNs(), "sh", "-c", "setsid sleep 300 >/dev/null 2>&1 < /dev/null &");
        Poll.until(Duration.ofSeconds(5), () -> Namespaces.pids(t.relayNs()).size() == 1, () -> "detached sleep not started");
        List<Long> inside = Namespaces.pids(t.serverNs());
        inside.addAll(Namespaces.pids(t.clientNs()));
        inside.addAll(Namespaces.pids(t.relayNs()));
        assertTrue(inside.size() >= 4, inside.toString());

        t.close();

        List<String> left = Namespaces.list();
        for (String ns : t.namespaces()) {
            assertFalse(left.contains(ns), ns + " still exists: " + left);
        }
        for (long pid : inside) {
            assertFalse(Pids.isAlive(pid), "pid " + pid + " survived close()");
        }
        assertFalse(stubborn.isAlive());
        assertFalse(plain.isAlive());
        String hostLinks = Cmd.run("ip", "-o", "link", "show").output();
        assertFalse(hostLinks.contains("dct" + t.id()), "no veth of this topology may exist on the host: " + hostLinks);
    }

    @Test
    void closeToleratesPartialStateAndRepeatedCalls() {
        NetnsTopology t = NetnsTopology.builder().workDir(tmp).create();
        // someone (or a crash) already removed part of it
        Cmd.run("ip", "netns", "del", t.clientNs());

        t.close();
        t.close();

        assertFalse(Namespaces.exists(t.serverNs()));
    }

    @Test
    void aTemporaryWorkDirIsDeletedButAGivenOneIsKept() {
        NetnsTopology own = NetnsTopology.create();
        Path ownDir = own.workDir();
        assertTrue(Files.isDirectory(ownDir));
        own.close();
        assertFalse(Files.exists(ownDir));

        NetnsTopology given = NetnsTopology.builder().workDir(tmp).create();
        given.close();
        assertTrue(Files.isDirectory(tmp));
    }

    @Test
    void askingForTheRelayOfATopologyWithoutOneIsAnError() {
        try (NetnsTopology t = NetnsTopology.builder().workDir(tmp).create()) {
            assertFalse(t.hasRelay());
            assertThrows(IllegalStateException.class, t::relayNs);
            assertEquals(2, t.namespaces().size());
        }
    }
}
