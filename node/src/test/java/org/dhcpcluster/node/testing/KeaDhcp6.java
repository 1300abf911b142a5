package org.dhcpcluster.node.testing;

import java.net.Inet6Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * ISC Kea kea-dhcp6 running in a topology's server namespace, as a known-good reference DHCPv6
 * server: it proves the v6 client drivers and perfdhcp runner work, independently of our own
 * server. In-memory leases, a server DUID that is not persisted (Kea's default writes it under
 * /var/lib/kea), INFO logging: one line per advertised, allocated, renewed or released address
 * or prefix (DHCP6_LEASE_ALLOC, DHCP6_PD_LEASE_RENEW, DHCP6_RELEASE_NA...), which tests assert on.
 *
 * <p>Subnets:
 * <ul>
 *   <li>the client segment's /64 (2001:db8:1::/64), selected by the receiving interface: addresses
 *       ::1000 - ::ffff, prefixes of length 56 delegated from 2001:db8:100::/40, DNS server
 *       ::53 and search list dct.example (so that the clients' scripts really try to rewrite
 *       resolv.conf, which the sandbox must contain);</li>
 *   <li>with a relay, the relayed link's /64 (2001:db8:2::/64), selected by the link-address of
 *       RELAY-FORW: addresses ::1000 - ::ffff, /56 prefixes from 2001:db8:200::/40. Kea then
 *       also listens on the server's unicast address of the relay link (2001:db8:ff::1), where
 *       relays send.</li>
 * </ul>
 * Lifetimes: T1 1000 s, T2 2000 s, preferred 3000 s, valid 4000 s: nothing renews by itself
 * during a test.
 */
public final class KeaDhcp6 implements AutoCloseable {
    /** First and last address of each subnet's pool, as offsets into the link's /64. */
    public static final long POOL_FIRST = 0x1000;
    public static final long POOL_LAST = 0xffff;
    /** Where prefixes for clients on the client segment come from. */
    public static final Prefix6 PD_POOL = Prefix6.parse("2001:db8:100::/40");
    /** Where prefixes for clients behind the relay come from. */
    public static final Prefix6 RELAYED_PD_POOL = Prefix6.parse("2001:db8:200::/40");
    public static final int DELEGATED_LENGTH = 56;

    private final KeaServer server;

    private KeaDhcp6(KeaServer server) {
        this.server = server;
    }

    /** Starts Kea in the topology's server namespace and waits until it serves. */
    public static KeaDhcp6 start(NetnsTopology topology) {
        return new KeaDhcp6(KeaServer.start(topology, "kea-dhcp6", log -> config(topology, log), "DHCP6_STARTED"));
    }

    /** True if {@code a} is in the pool Kea serves on the link with (/64) prefix {@code link}. */
    public static boolean inPool(Prefix6 link, Inet6Address a) {
        long offset = interfaceId(a);
        return link.contains(a) && offset >= POOL_FIRST && offset <= POOL_LAST;
    }

    // the low 64 bits: the offset into a /64
    private static long interfaceId(Inet6Address a) {
        byte[] b = a.getAddress();
        long v = 0;
        for (int i = 8; i < 16; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    /** The configuration {@link #start} uses, logging to {@code log}. */
    static String config(NetnsTopology t, Path log) {
        Prefix6 lan = t.clientLinkPrefix6();
        if (lan.length() != 64) {
            throw new IllegalArgumentException("KeaDhcp6 needs a /64 on the client segment, not " + lan);
        }
        List<String> interfaces = new ArrayList<>(List.of(quote(t.serverIf())));
        List<String> subnets = new ArrayList<>(List.of("""
                {"id": 1, "subnet": "%s", "interface": %s,
                 "pools": [{"pool": "%s"}],
                 "pd-pools": [%s],
                 "option-data": [{"name": "dns-servers", "data": "%s"},
                                 {"name": "domain-search", "data": "dct.example"}]}"""
                .formatted(lan, quote(t.serverIf()), pool(lan), pdPool(PD_POOL),
                        InterfaceAddresses.format6(lan.plus(0x53)))));
        if (t.hasRelay()) {
            // "interface/address": Kea also opens a unicast socket there, which relays send to
            interfaces.add(quote(t.serverRelayIf() + "/" + InterfaceAddresses.format6(t.relayServerAddress6())));
            Prefix6 relayed = t.relayedLinkPrefix6();
            subnets.add("""
                    {"id": 2, "subnet": "%s",
                     "pools": [{"pool": "%s"}],
                     "pd-pools": [%s]}""".formatted(relayed, pool(relayed), pdPool(RELAYED_PD_POOL)));
        }
        return """
                {"Dhcp6": {
                  "interfaces-config": {"interfaces": [%s]},
                  "server-id": {"type": "LLT", "persist": false},
                  "lease-database": {"type": "memfile", "persist": false},
                  "preferred-lifetime": 3000, "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
                  "loggers": [{"name": "kea-dhcp6", "output_options": [{"output": %s}], "severity": "INFO"}],
                  "subnet6": [
                %s
                  ]
                }}
                """.formatted(String.join(", ", interfaces), quote(log.toString()), String.join(",\n", subnets));
    }

    private static String pool(Prefix6 link) {
        return InterfaceAddresses.format6(link.plus(POOL_FIRST)) + " - " + InterfaceAddresses.format6(link.plus(POOL_LAST));
    }

    private static String pdPool(Prefix6 pool) {
        return "{\"prefix\": \"%s\", \"prefix-len\": %d, \"delegated-len\": %d}"
                .formatted(InterfaceAddresses.format6(pool.address()), pool.length(), DELEGATED_LENGTH);
    }

    private static String quote(String s) {
        return KeaServer.quote(s);
    }

    /** Kea's log (INFO: DHCP6_LEASE_ALLOC, DHCP6_LEASE_RENEW, DHCP6_RELEASE_NA, DHCP6_PD_... lines). */
    public String log() {
        return server.log();
    }

    /** Waits until Kea's log contains {@code text}; fails with Kea's output if it exits or time runs out. */
    public void awaitLog(String text, Duration timeout) {
        server.awaitLog(text, timeout);
    }

    public String diagnostics() {
        return server.diagnostics();
    }

    public long pid() {
        return server.pid();
    }

    @Override
    public void close() {
        server.close();
    }
}
