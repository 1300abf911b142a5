package org.dhcpcluster.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Documents that each client driver really works: against ISC Kea (a known-good server) every
 * client gets a lease from the pool, renews it and releases it, with Kea confirming each step in
 * its log, and without touching the host's resolv.conf or hostname.
 */
@Tag("kea")
class RealClientsAgainstKeaTest {
    private static final Duration LEASE_TIMEOUT = Duration.ofSeconds(30);

    private static Function<NetnsTopology, DhcpV4Client> driver(String client) {
        return switch (client) {
            case "dhclient" -> DhclientV4::on;
            case "dhcpcd" -> DhcpcdV4::on;
            case "udhcpc" -> UdhcpcV4::on;
            default -> throw new IllegalArgumentException(client);
        };
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dhclient", "dhcpcd", "udhcpc"})
    void clientGetsRenewsAndReleasesALeaseFromKea(String client) throws IOException {
        Tools.requireRootAndCommands("ip", "unshare", "nsenter", "kea-dhcp4", client);
        String hostResolvConf = hostResolvConf();
        String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname"));
        try (NetnsTopology t = NetnsTopology.builder().label(client).create();
                KeaDhcp4 kea = KeaDhcp4.start(t);
                DhcpV4Client c = driver(client).apply(t)) {
            c.start();
            Inet4Address a = c.awaitAddress(LEASE_TIMEOUT);
            String ip = a.getHostAddress();
            String allocated = "lease " + Pattern.quote(ip) + " has been allocated";

            int last = Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1));
            assertTrue(ip.startsWith("192.0.2.") && last >= 100 && last <= 199, ip + "\n" + c.diagnostics());
            kea.awaitLog("lease " + ip + " has been allocated", Duration.ofSeconds(5));
            assertEquals(a, c.lastBound().orElseThrow(), c.diagnostics());
            assertTrue(c.leaseInfo().contains(ip), "lease info should name " + ip + ":\n" + c.leaseInfo());
            // Kea hands out a DNS server: the client's script writes it, into the sandbox only
            Poll.until(Duration.ofSeconds(5), () -> c.resolvConf().contains("192.0.2.53"),
                    () -> "no DNS server in the sandbox's resolv.conf:\n" + c.resolvConf() + c.diagnostics());

            int allocationsBefore = count(kea.log(), allocated);
            assertEquals(a, c.renew(LEASE_TIMEOUT), c.diagnostics());
            Poll.until(Duration.ofSeconds(5), () -> count(kea.log(), allocated) > allocationsBefore,
                    () -> "Kea did not log the renewal of " + ip + "\n" + kea.diagnostics() + c.diagnostics());
            assertEquals(a, c.awaitAddress(Duration.ofSeconds(5)), "the renewed lease keeps the address");

            c.release();
            c.awaitNoAddress(LEASE_TIMEOUT);
            kea.awaitLog("address " + ip + " was released properly", Duration.ofSeconds(10));
        }
        assertEquals(hostResolvConf, hostResolvConf(), "the sandbox must not touch the host's /etc/resolv.conf");
        assertEquals(hostname, Files.readString(Path.of("/proc/sys/kernel/hostname")), "nor the host's hostname");
    }

    private static String hostResolvConf() throws IOException {
        Path p = Path.of("/etc/resolv.conf");
        return Files.exists(p) ? Files.readString(p) : "";
    }
}
