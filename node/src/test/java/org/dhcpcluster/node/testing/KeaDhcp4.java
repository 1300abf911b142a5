package org.dhcpcluster.node.testing;

import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * ISC Kea kea-dhcp4 running in a topology's server namespace, as a known-good reference server:
 * it proves the client drivers and perfdhcp runner work, independently of our own server.
 * Config as in the bench's kea.sh: raw sockets on the server interfaces, in-memory leases, INFO
 * logging (one line per allocated or released lease, which tests can assert on).
 *
 * <p>Subnets: the client segment's /24 with pool .100-.199 (for real clients; with router, DNS
 * server .53 and domain-name options, so that the clients' scripts really try to rewrite
 * resolv.conf, which the sandbox must contain), and 203.0.113.0/24
 * (pool .10-.250) selected for relayed traffic whose giaddr is the relay address or .2 of the
 * client segment (for perfdhcp, which always sets giaddr). Requires a /24 server address.
 */
public final class KeaDhcp4 implements AutoCloseable {
    public static final String RELAYED_POOL = "203.0.113.10 - 203.0.113.250";

    private final KeaServer server;

    private KeaDhcp4(KeaServer server) {
        this.server = server;
    }

    /** Starts Kea in the topology's server namespace and waits until it serves. */
    public static KeaDhcp4 start(NetnsTopology topology) {
        return new KeaDhcp4(KeaServer.start(topology, "kea-dhcp4", log -> config(topology, log), "DHCP4_STARTED"));
    }

    /** The configuration {@link #start} uses, logging to {@code log}. */
    static String config(NetnsTopology t, Path log) {
        String lan = network24(t.serverAddress4());
        List<String> interfaces = new ArrayList<>(List.of(quote(t.serverIf())));
        List<String> relays = new ArrayList<>(List.of(quote(lan + "2")));
        if (t.hasRelay()) {
            interfaces.add(quote(t.serverRelayIf()));
            relays.add(quote(t.relayAddress4().getHostAddress()));
        }
        return """
                {"Dhcp4": {
                  "interfaces-config": {"interfaces": [%s], "dhcp-socket-type": "raw"},
                  "lease-database": {"type": "memfile", "persist": false},
                  "valid-lifetime": 3600, "renew-timer": 900, "rebind-timer": 1800,
                  "loggers": [{"name": "kea-dhcp4", "output_options": [{"output": %s}], "severity": "INFO"}],
                  "subnet4": [
                    {"id": 1, "subnet": "%s0/24", "interface": %s,
                     "pools": [{"pool": "%s100 - %s199"}],
                     "option-data": [{"name": "routers", "data": "%s"},
                                     {"name": "domain-name-servers", "data": "%s53"},
                                     {"name": "domain-name", "data": "dct.example"}]},
                    {"id": 2, "subnet": "203.0.113.0/24", "relay": {"ip-addresses": [%s]},
                     "pools": [{"pool": "%s"}]}
                  ]
                }}
                """.formatted(String.join(", ", interfaces), quote(log.toString()), lan, quote(t.serverIf()), lan, lan,
                t.serverAddress4().getHostAddress(), lan, String.join(", ", relays), RELAYED_POOL);
    }

    // "192.0.2.1" -> "192.0.2."
    private static String network24(Inet4Address a) {
        String s = a.getHostAddress();
        return s.substring(0, s.lastIndexOf('.') + 1);
    }

    private static String quote(String s) {
        return KeaServer.quote(s);
    }

    /** Kea's log (INFO: DHCP4_LEASE_ALLOC, DHCP4_RELEASE, DHCP4_INIT_REBOOT... lines). */
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
