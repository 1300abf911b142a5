package org.dhcpcluster.node.testing;

import java.nio.file.Path;
import java.time.Duration;

/**
 * ISC Kea (kea-dhcp4 or kea-dhcp6) with leases short enough that a client renews during a test:
 * T1 3 s, T2 20 s, valid 30 s (v6 preferred 20 s). {@link KeaDhcp4} and {@link KeaDhcp6} keep
 * their long lifetimes for the tests that must not see renewals; this is for the ones that must.
 * Serves the client segment only (192.0.2.100-199, 2001:db8:1::1000-ffff) and, for relayed v4,
 * 203.0.113.10-250 to relays at .2 of the segment.
 */
public final class ShortLeaseKea implements AutoCloseable {
    public static final int RENEW_SECONDS = 3;

    private final KeaServer server;

    private ShortLeaseKea(KeaServer server) {
        this.server = server;
    }

    public static ShortLeaseKea v4(NetnsTopology t) {
        return new ShortLeaseKea(KeaServer.start(t, "kea-dhcp4", log -> config4(t, log), "DHCP4_STARTED"));
    }

    public static ShortLeaseKea v6(NetnsTopology t) {
        return new ShortLeaseKea(KeaServer.start(t, "kea-dhcp6", log -> config6(t, log), "DHCP6_STARTED"));
    }

    static String config4(NetnsTopology t, Path log) {
        String s = t.serverAddress4().getHostAddress();
        String lan = s.substring(0, s.lastIndexOf('.') + 1);
        return """
                {"Dhcp4": {
                  "interfaces-config": {"interfaces": [%s], "dhcp-socket-type": "raw"},
                  "lease-database": {"type": "memfile", "persist": false},
                  "valid-lifetime": 30, "renew-timer": %d, "rebind-timer": 20,
                  "loggers": [{"name": "kea-dhcp4", "output_options": [{"output": %s}], "severity": "INFO"}],
                  "subnet4": [
                    {"id": 1, "subnet": "%s0/24", "interface": %s, "pools": [{"pool": "%s100 - %s199"}],
                     "option-data": [{"name": "routers", "data": "%s"}]},
                    {"id": 2, "subnet": "203.0.113.0/24", "relay": {"ip-addresses": ["%s2"]},
                     "pools": [{"pool": "203.0.113.10 - 203.0.113.250"}]}
                  ]
                }}
                """.formatted(KeaServer.quote(t.serverIf()), RENEW_SECONDS, KeaServer.quote(log.toString()), lan,
                KeaServer.quote(t.serverIf()), lan, lan, s, lan);
    }

    static String config6(NetnsTopology t, Path log) {
        Prefix6 lan = t.clientLinkPrefix6();
        return """
                {"Dhcp6": {
                  "interfaces-config": {"interfaces": [%s]},
                  "server-id": {"type": "LLT", "persist": false},
                  "lease-database": {"type": "memfile", "persist": false},
                  "preferred-lifetime": 20, "valid-lifetime": 30, "renew-timer": %d, "rebind-timer": 20,
                  "loggers": [{"name": "kea-dhcp6", "output_options": [{"output": %s}], "severity": "INFO"}],
                  "subnet6": [
                    {"id": 1, "subnet": "%s", "interface": %s,
                     "pools": [{"pool": "%s - %s"}]}
                  ]
                }}
                """.formatted(KeaServer.quote(t.serverIf()), RENEW_SECONDS, KeaServer.quote(log.toString()), lan,
                KeaServer.quote(t.serverIf()), InterfaceAddresses.format6(lan.plus(0x1000)),
                InterfaceAddresses.format6(lan.plus(0xffff)));
    }

    public String log() {
        return server.log();
    }

    public void awaitLog(String text, Duration timeout) {
        server.awaitLog(text, timeout);
    }

    public String diagnostics() {
        return server.diagnostics();
    }

    @Override
    public void close() {
        server.close();
    }
}
