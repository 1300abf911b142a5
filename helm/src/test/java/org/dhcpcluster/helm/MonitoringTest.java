package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** metrics.serviceMonitor.enabled: Prometheus Operator scrapes /metrics on port http. */
class MonitoringTest {

    @Test
    void noServiceMonitorUnlessAskedFor() {
        assertTrue(RenderedChart.render(Scenarios.defaults().values()).all(GenericKubernetesResource.class).isEmpty());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theServiceMonitorScrapesMetricsOnPortHttpOfTheNodePods() {
        RenderedChart chart = RenderedChart.render(Scenarios.networkPolicyAndServiceMonitor().values()
                .with("metrics.serviceMonitor.interval", "15s"));
        GenericKubernetesResource monitor = chart.one(GenericKubernetesResource.class);
        assertEquals("monitoring.coreos.com/v1", monitor.getApiVersion());
        assertEquals("ServiceMonitor", monitor.getKind());
        Map<String, Object> spec = (Map<String, Object>) monitor.getAdditionalProperties().get("spec");
        Map<String, Object> endpoint = ((List<Map<String, Object>>) spec.get("endpoints")).get(0);
        assertEquals(Map.of("port", "http", "path", "/metrics", "interval", "15s"), endpoint);
        Map<String, String> selector = (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
        assertTrue(chart.nodePodTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()));
    }
}
