package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A node drain evicts the DHCP pods one at a time. */
class DisruptionBudgetTest {

    @Test
    void atMostOneNodePodIsEvictedAtOnce() {
        RenderedChart chart = RenderedChart.render(Scenarios.defaults().values());
        PodDisruptionBudget pdb = chart.one(PodDisruptionBudget.class);
        assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal());
        Map<String, String> selector = pdb.getSpec().getSelector().getMatchLabels();
        Map<String, String> podLabels = chart.nodePodTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), selector + " vs " + podLabels);
    }

    @Test
    void theBudgetDoesNotCoverTheBundledDatabase() {
        RenderedChart chart = RenderedChart.render(Scenarios.bundledPostgres().values());
        assertEquals("node", chart.one(PodDisruptionBudget.class).getSpec().getSelector()
                .getMatchLabels().get("app.kubernetes.io/component"));
    }
}
