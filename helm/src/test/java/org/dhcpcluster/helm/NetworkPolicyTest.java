package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** networkPolicy.enabled (the default): DHCP from the configured networks, cluster ports only among the nodes. */
class NetworkPolicyTest {

    private final RenderedChart chart = RenderedChart.render(Scenarios.networkPolicyAndServiceMonitor().values());
    private final NetworkPolicy policy = chart.one(NetworkPolicy.class);
    private final Map<String, String> nodeLabels = chart.nodePodTemplate().getMetadata().getLabels();

    private static List<String> ports(List<NetworkPolicyPort> ports) {
        return ports.stream().map(p -> p.getPort().getIntVal() + "/" + p.getProtocol()).toList();
    }

    private NetworkPolicyIngressRule ingressTo(String port) {
        return policy.getSpec().getIngress().stream().filter(r -> ports(r.getPorts()).contains(port)).findFirst()
                .orElseThrow(() -> new AssertionError("no ingress rule for " + port));
    }

    private NetworkPolicyEgressRule egressTo(String port) {
        return policy.getSpec().getEgress().stream().filter(r -> ports(r.getPorts()).contains(port)).findFirst()
                .orElseThrow(() -> new AssertionError("no egress rule for " + port));
    }

    private boolean selectsOnlyNodePods(List<NetworkPolicyPeer> peers) {
        return peers.size() == 1 && peers.get(0).getIpBlock() == null
                && nodeLabels.entrySet().containsAll(peers.get(0).getPodSelector().getMatchLabels().entrySet());
    }

    @Test
    void itAppliesToTheNodePodsInBothDirections() {
        assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
        assertTrue(nodeLabels.entrySet().containsAll(policy.getSpec().getPodSelector().getMatchLabels().entrySet()));
    }

    @Test
    void dhcpIsAcceptedFromEveryConfiguredNetwork() {
        NetworkPolicyIngressRule dhcp = ingressTo("67/UDP");
        assertEquals(List.of("0.0.0.0/0", "::/0"), dhcp.getFrom().stream().map(p -> p.getIpBlock().getCidr()).toList());
        RenderedChart v6 = RenderedChart.render(Scenarios.v6().values().with("networkPolicy.enabled", true)
                .with("networkPolicy.dhcpClientCIDRs", List.of("198.51.100.0/24")));
        NetworkPolicyIngressRule both = v6.one(NetworkPolicy.class).getSpec().getIngress().get(0);
        assertEquals(List.of("67/UDP", "547/UDP"), ports(both.getPorts()));
        assertEquals("198.51.100.0/24", both.getFrom().get(0).getIpBlock().getCidr());
    }

    @Test
    void remotingAndManagementAreOpenOnlyBetweenTheNodes() {
        assertEquals(List.of("25520/TCP", "8558/TCP"), ports(ingressTo("25520/TCP").getPorts()));
        assertTrue(selectsOnlyNodePods(ingressTo("25520/TCP").getFrom()));
        assertTrue(selectsOnlyNodePods(egressTo("8558/TCP").getTo()));
    }

    @Test
    void metricsAreOpenToTheConfiguredScrapers() {
        RenderedChart scraped = RenderedChart.render(Scenarios.networkPolicyAndServiceMonitor().values()
                .with("networkPolicy.metrics.namespaceSelector",
                        Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring"))));
        // Port http has two rules: every pod of the release's namespace (the API), and the scrapers.
        NetworkPolicyPeer from = scraped.one(NetworkPolicy.class).getSpec().getIngress().stream()
                .filter(r -> ports(r.getPorts()).contains("8067/TCP")).flatMap(r -> r.getFrom().stream())
                .filter(p -> p.getNamespaceSelector() != null).findFirst().orElseThrow();
        assertEquals(Map.of("kubernetes.io/metadata.name", "monitoring"), from.getNamespaceSelector().getMatchLabels());
    }

    @Test
    void theNodesMayReachPostgresqlTheApiServerAndDns() {
        assertEquals(List.of("5432/TCP"), ports(egressTo("5432/TCP").getPorts()));
        assertEquals(List.of("443/TCP", "6443/TCP"), ports(egressTo("443/TCP").getPorts()));
        assertEquals(List.of("53/UDP", "53/TCP"), ports(egressTo("53/UDP").getPorts()));
    }

    @Test
    void withTheBundledDatabaseOnlyItsPodIsReachableOnThePostgresqlPort() {
        RenderedChart bundled = RenderedChart.render(Scenarios.bundledPostgres().values().with("networkPolicy.enabled", true));
        NetworkPolicyEgressRule database = bundled.one(NetworkPolicy.class).getSpec().getEgress().stream()
                .filter(r -> ports(r.getPorts()).contains("5432/TCP")).findFirst().orElseThrow();
        assertEquals("postgresql", database.getTo().get(0).getPodSelector().getMatchLabels().get("app.kubernetes.io/component"));
    }
}
