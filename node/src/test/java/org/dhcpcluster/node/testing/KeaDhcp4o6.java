package org.dhcpcluster.node.testing;

import java.net.Inet6Address;
import java.nio.file.Path;
import java.time.Duration;

/**
 * ISC Kea serving DHCPv4 over DHCPv6 (RFC 7341) in a topology's server namespace: kea-dhcp6
 * receives the DHCPV4-QUERYs (multicast, and unicast at the server's address on the client
 * segment) and hands them to kea-dhcp4 over the local dhcp4o6-port channel, which answers from
 * 203.0.113.0/24 (pool .100-.199) for clients on the client segment ("4o6-interface"). kea-dhcp6
 * announces its own address as the 4o6 server (option 88, "dhcp4o6-server-addr") to clients that
 * ask. Short v4 leases (T1 3 s, T2 20 s, valid 30 s), so a client renews during a test. The same
 * arrangement as the bench's kea.sh "start 4o6", written for the harness.
 */
public final class KeaDhcp4o6 implements AutoCloseable {
    /** The local port pair the two Kea processes talk over (v6 side; the v4 side is one above). */
    static final int DHCP4O6_PORT = 6767;
    public static final String POOL_PREFIX = "203.0.113.";

    private final KeaServer v4;
    private final KeaServer v6;

    private KeaDhcp4o6(KeaServer v4, KeaServer v6) {
        this.v4 = v4;
        this.v6 = v6;
    }

    public static KeaDhcp4o6 start(NetnsTopology t) {
        KeaServer v4 = KeaServer.start(t, "kea-dhcp4", log -> config4(t, log), "DHCP4_STARTED");
        try {
            KeaServer v6 = KeaServer.start(t, "kea-dhcp6", log -> config6(t, log), "DHCP6_STARTED");
            return new KeaDhcp4o6(v4, v6);
        } catch (RuntimeException | Error e) {
            v4.close();
            throw e;
        }
    }

    /** What option 88 names: the server's address on the client segment. */
    public static Inet6Address serverAddress(NetnsTopology t) {
        return t.serverAddress6();
    }

    static String config4(NetnsTopology t, Path log) {
        return """
                {"Dhcp4": {
                  "interfaces-config": {"interfaces": [%s], "dhcp-socket-type": "raw"},
                  "lease-database": {"type": "memfile", "persist": false},
                  "dhcp4o6-port": %d,
                  "valid-lifetime": 30, "renew-timer": 3, "rebind-timer": 20,
                  "loggers": [{"name": "kea-dhcp4", "output_options": [{"output": %s}], "severity": "INFO"}],
                  "subnet4": [
                    {"id": 3, "subnet": "203.0.113.0/24", "4o6-interface": %s,
                     "pools": [{"pool": "203.0.113.100 - 203.0.113.199"}],
                     "option-data": [{"name": "routers", "data": "203.0.113.1"}]}
                  ]
                }}
                """.formatted(KeaServer.quote(t.serverIf()), DHCP4O6_PORT, KeaServer.quote(log.toString()),
                KeaServer.quote(t.serverIf()));
    }

    static String config6(NetnsTopology t, Path log) {
        String unicast = InterfaceAddresses.format6(t.serverAddress6());
        return """
                {"Dhcp6": {
                  "interfaces-config": {"interfaces": [%s, %s]},
                  "server-id": {"type": "LLT", "persist": false},
                  "lease-database": {"type": "memfile", "persist": false},
                  "dhcp4o6-port": %d,
                  "option-data": [{"name": "dhcp4o6-server-addr", "data": "%s"}],
                  "preferred-lifetime": 3000, "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
                  "loggers": [{"name": "kea-dhcp6", "output_options": [{"output": %s}], "severity": "INFO"}],
                  "subnet6": [
                    {"id": 1, "subnet": "%s", "interface": %s, "pools": [{"pool": "%s - %s"}]}
                  ]
                }}
                """.formatted(KeaServer.quote(t.serverIf()), KeaServer.quote(t.serverIf() + "/" + unicast), DHCP4O6_PORT,
                unicast, KeaServer.quote(log.toString()), t.clientLinkPrefix6(), KeaServer.quote(t.serverIf()),
                InterfaceAddresses.format6(t.clientLinkPrefix6().plus(0x1000)),
                InterfaceAddresses.format6(t.clientLinkPrefix6().plus(0xffff)));
    }

    /** kea-dhcp4's log: the 4o6 leases are ordinary v4 leases there (DHCP4_LEASE_ALLOC, DHCP4_RELEASE ...). */
    public String log4() {
        return v4.log();
    }

    public void awaitLog4(String text, Duration timeout) {
        v4.awaitLog(text, timeout);
    }

    public String diagnostics() {
        return v4.diagnostics() + "\n" + v6.diagnostics();
    }

    @Override
    public void close() {
        v6.close();
        v4.close();
    }
}
