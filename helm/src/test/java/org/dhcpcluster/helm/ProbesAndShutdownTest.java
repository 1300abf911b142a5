package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.List;
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
    void preStopAsksTheNodeToLeaveByPostWithTheTokenNotByAnHttpGet() {
        // An httpGet hook can neither POST nor send the token: the node jar's leave command reads
        // the address and the token file from the node's own node.conf.
        assertNull(node.getLifecycle().getPreStop().getHttpGet());
        assertEquals(List.of("/app/entrypoint.sh", "leave"), node.getLifecycle().getPreStop().getExec().getCommand());
    }

    @Test
    void theGracePeriodDefaultsToSixtySecondsAndCanBeRaised() {
        assertEquals(60L, chart.nodePodTemplate().getSpec().getTerminationGracePeriodSeconds());
        RenderedChart longer = RenderedChart.render(ChartValues.withSecret().with("terminationGracePeriodSeconds", 120));
        assertEquals(120L, longer.nodePodTemplate().getSpec().getTerminationGracePeriodSeconds());
    }
}
