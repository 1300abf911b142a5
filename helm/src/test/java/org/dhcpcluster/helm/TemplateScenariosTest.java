package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code helm template} renders every scenario into resources that all carry the chart's labels. */
class TemplateScenariosTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.dhcpcluster.helm.Scenarios#all")
    void everyResourceCarriesTheStandardLabels(Scenarios scenario) {
        RenderedChart chart = RenderedChart.render(scenario.values());
        assertFalse(chart.resources().isEmpty());
        for (HasMetadata resource : chart.resources()) {
            Map<String, String> labels = resource.getMetadata().getLabels();
            String what = resource.getKind() + " " + resource.getMetadata().getName();
            assertEquals("dhcp-cluster", labels.get("app.kubernetes.io/name"), what);
            assertEquals(RenderedChart.RELEASE, labels.get("app.kubernetes.io/instance"), what);
            assertEquals("0.1.0", labels.get("app.kubernetes.io/version"), what);
            assertEquals("Helm", labels.get("app.kubernetes.io/managed-by"), what);
            assertTrue(labels.containsKey("app.kubernetes.io/component"), what);
            assertTrue(resource.getMetadata().getName().startsWith(RenderedChart.FULLNAME), what);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.dhcpcluster.helm.Scenarios#all")
    void theNodeConfigurationIsAlwaysRendered(Scenarios scenario) {
        NodeConf.parse(RenderedChart.render(scenario.values())).getConfig("dhcp.v4");
    }
}
