package org.dhcpcluster.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet6Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Documents that each DHCPv6 client driver really works: against ISC kea-dhcp6 (a known-good
 * server) every client gets an address from the client segment's pool (and dhclient a delegated
 * prefix), renews and releases, with Kea confirming each step in its log, and without touching
 * the host's resolv.conf or hostname.
 */
@Tag("kea")
class RealClientsV6AgainstKeaTest {
    private static final Duration LEASE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration KEA_LOG_TIMEOUT = Duration.ofSeconds(10);

    private static Function<NetnsTopology, DhcpV6Client> driver(String client) {
        return switch (client) {
            case "dhclient" -> DhclientV6::on;
            case "dhcpcd" -> DhcpcdV6::on;
            default -> throw new IllegalArgumentException(client);
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dhclient", "dhcpcd"})
    void clientGetsRenewsAndReleasesAnAddressFromKea(String client) throws IOException {
        Tools.requireRootAndCommands("ip", "unshare", "nsenter", "kea-dhcp6", client);
        HostFiles host = HostFiles.snapshot();
        try (NetnsTopology t = NetnsTopology.builder().label(client + "6").create();
                KeaDhcp6 kea = KeaDhcp6.start(t);
                DhcpV6Client c = driver(client).apply(t)) {
            c.start();
            Inet6Address a = c.awaitAddress(LEASE_TIMEOUT);
            String ip = InterfaceAddresses.format6(a);

            assertTrue(KeaDhcp6.inPool(t.clientLinkPrefix6(), a), ip + " is not in Kea's pool\n" + c.diagnostics());
            awaitKea(kea, "DHCP6_LEASE_ALLOC .*lease for address " + Pattern.quote(ip) + " ");
            // Kea hands out a DNS server: the client's script writes it, into the sandbox only
            Poll.until(Duration.ofSeconds(5), () -> c.resolvConf().contains("2001:db8:1::53"),
                    () -> "no DNS server in the sandbox's resolv.conf:\n" + c.resolvConf() + c.diagnostics());

            c.renew(LEASE_TIMEOUT);
            awaitKea(kea, "DHCP6_LEASE_RENEW .*lease for address " + Pattern.quote(ip) + " ");
            assertEquals(List.of(a), t.ipv6(t.clientNs(), t.clientIf()), "the renewed binding keeps the address");

            c.release();
            c.awaitNoAddress(LEASE_TIMEOUT);
            awaitKea(kea, "DHCP6_RELEASE_NA .*address " + Pattern.quote(ip) + " .*released properly");
        }
        host.assertUnchanged();
    }

    @Test
    void dhclientGetsRenewsAndReleasesADelegatedPrefixFromKea() throws IOException {
        Tools.requireRootAndCommands("ip", "unshare", "kea-dhcp6", "dhclient");
        HostFiles host = HostFiles.snapshot();
        try (NetnsTopology t = NetnsTopology.builder().label("dhclient6-pd").create();
                KeaDhcp6 kea = KeaDhcp6.start(t);
                DhclientV6 c = DhclientV6.on(t).prefixDelegation()) {
            c.start();
            Prefix6 p = c.awaitDelegatedPrefix(LEASE_TIMEOUT);

            assertEquals(KeaDhcp6.DELEGATED_LENGTH, p.length(), p + "\n" + c.diagnostics());
            assertTrue(KeaDhcp6.PD_POOL.contains(p), p + " is not from " + KeaDhcp6.PD_POOL);
            awaitKea(kea, "DHCP6_PD_LEASE_ALLOC .*lease for prefix " + Pattern.quote(p.toString()) + " ");
            assertEquals(List.of(), c.lease().addresses(), "-P alone asks for no address");
            assertEquals(List.of(), t.ipv6(t.clientNs(), t.clientIf()));

            c.renew(LEASE_TIMEOUT); // a REBIND: dhclient does not CONFIRM prefixes
            awaitKea(kea, "DHCP6_PD_LEASE_RENEW .*lease for prefix " + Pattern.quote(p.toString()) + " ");
            assertEquals(p, c.awaitDelegatedPrefix(Duration.ofSeconds(5)), "the renewed binding keeps the prefix");

            c.release();
            awaitKea(kea, "DHCP6_RELEASE_PD .*prefix " + Pattern.quote(p.toString()) + " .*released properly");
            Poll.until(Duration.ofSeconds(5), () -> c.lease().released(), () -> "dhclient did not record the release\n" + c.diagnostics());
        }
        host.assertUnchanged();
    }

    @Test
    void dhclientGetsAnAddressAndAPrefixInOneExchangeAndRebindsBoth() throws IOException {
        Tools.requireRootAndCommands("ip", "unshare", "kea-dhcp6", "dhclient");
        try (NetnsTopology t = NetnsTopology.builder().label("dhclient6-na-pd").create();
                KeaDhcp6 kea = KeaDhcp6.start(t);
                DhclientV6 c = DhclientV6.on(t).addressAndPrefix()) {
            c.start();
            Inet6Address a = c.awaitAddress(LEASE_TIMEOUT);
            Prefix6 p = c.awaitDelegatedPrefix(LEASE_TIMEOUT);
            String ip = InterfaceAddresses.format6(a);

            assertTrue(KeaDhcp6.inPool(t.clientLinkPrefix6(), a), ip);
            assertTrue(KeaDhcp6.PD_POOL.contains(p), p.toString());
            assertEquals(List.of(a), c.lease().addresses());

            c.renew(LEASE_TIMEOUT);
            awaitKea(kea, "DHCP6_LEASE_RENEW .*lease for address " + Pattern.quote(ip) + " ");
            awaitKea(kea, "DHCP6_PD_LEASE_RENEW .*lease for prefix " + Pattern.quote(p.toString()) + " ");
            assertTrue(c.log().contains("XMT: Rebind on"), "with a prefix dhclient renews by REBIND\n" + c.diagnostics());

            c.release();
            c.awaitNoAddress(LEASE_TIMEOUT);
            awaitKea(kea, "DHCP6_RELEASE_NA .*address " + Pattern.quote(ip) + " .*released properly");
            awaitKea(kea, "DHCP6_RELEASE_PD .*prefix " + Pattern.quote(p.toString()) + " .*released properly");
        }
    }

    private static void awaitKea(KeaDhcp6 kea, String regex) {
        Pattern line = Pattern.compile(regex);
        Poll.until(KEA_LOG_TIMEOUT, () -> line.matcher(kea.log()).find(),
                () -> "Kea logged no line matching " + regex + "\n" + kea.diagnostics());
    }

    /** The host files a client script would rewrite if the sandbox leaked. */
    private record HostFiles(String resolvConf, String hostname) {
        static HostFiles snapshot() throws IOException {
            Path resolv = Path.of("/etc/resolv.conf");
            return new HostFiles(Files.exists(resolv) ? Files.readString(resolv) : "",
                    Files.readString(Path.of("/proc/sys/kernel/hostname")));
        }

        void assertUnchanged() throws IOException {
            HostFiles now = snapshot();
            assertEquals(resolvConf, now.resolvConf, "the sandbox must not touch the host's /etc/resolv.conf");
            assertEquals(hostname, now.hostname, "nor the host's hostname");
        }
    }
}
