package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import org.junit.jupiter.api.Test;

/** Kubernetes learns health and readiness from the node's HTTP port, and lets it leave the cluster before it stops. */
class ProbesAndShutdownTest {

    private final RenderedChart chart = RenderedChart.render(Scenarios.defaults().values());
    private final Container node = chart.nodeContainer();

    private static String target(HTTPGetAction get) {
        return get.getPath() + " on " + get.getPort().getStrVal();
    }

    @Test
    void livenessAsksHealthAndReadinessAsksReadyOnPortHttp() {
        assertEquals("/health on http", target(node.getLivenessProbe().getHttpGet()));
        assertEquals("/ready on http", target(node.getReadinessProbe().getHttpGet()));
    }

    @Test
    void theStartupProbeGivesTheJvmAtLeastTwoMinutes() {
        Probe startup = node.getStartupProbe();
        assertEquals("/health on http", target(startup.getHttpGet()));
        assertTrue(startup.getPeriodSeconds() * startup.getFailureThreshold() >= 120,
                "startup window " + startup.getPeriodSeconds() * startup.getFailureThreshold() + " s");
    }

    @Test
    void preStopAsksTheNodeToLeave() {
        assertEquals("/leave on http", target(node.getLifecycle().getPreStop().getHttpGet()));
    }

    @Test
    void theGracePeriodDefaultsToSixtySecondsAndCanBeRaised() {
        assertEquals(60L, chart.nodePodTemplate().getSpec().getTerminationGracePeriodSeconds());
        RenderedChart longer = RenderedChart.render(ChartValues.withSecret().with("terminationGracePeriodSeconds", 120));
        assertEquals(120L, longer.nodePodTemplate().getSpec().getTerminationGracePeriodSeconds());
    }
}
