package org.dhcpcluster.helm;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The value sets every rendering and lint test covers, each a way operators install the chart. */
record Scenarios(String name, ChartValues values) {

    static Scenarios defaults() {
        return new Scenarios("defaults (relayed, existing Secret)", ChartValues.withSecret());
    }

    static Scenarios hostNetwork() {
        return new Scenarios("hostNetwork mode", ChartValues.withSecret()
                .with("traffic.relayed.enabled", false)
                .with("traffic.hostNetwork.enabled", true)
                .with("traffic.hostNetwork.interfaces", List.of("eth1", "eth2"))
                .with("traffic.hostNetwork.nodeSelector", Map.of("dhcp.example.net/lan", "office")));
    }

    static Scenarios bundledPostgres() {
        return new Scenarios("bundled PostgreSQL", ChartValues.none().with("postgresql.bundled.enabled", true)
                .with("clusterTls.existingSecret", ChartValues.CLUSTER_TLS_SECRET));
    }

    static Scenarios v6() {
        return new Scenarios("DHCPv6 enabled", ChartValues.withSecret().with("dhcp.v6.enabled", true));
    }

    static Scenarios networkPolicyAndServiceMonitor() {
        return new Scenarios("networkPolicy and serviceMonitor", ChartValues.withSecret()
                .with("networkPolicy.enabled", true)
                .with("metrics.serviceMonitor.enabled", true));
    }

    static Stream<Scenarios> all() {
        return Stream.of(defaults(), hostNetwork(), bundledPostgres(), v6(), networkPolicyAndServiceMonitor());
    }

    @Override
    public String toString() {
        return name;
    }
}
