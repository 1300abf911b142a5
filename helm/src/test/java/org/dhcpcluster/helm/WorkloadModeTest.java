package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Relayed mode renders a Deployment behind a Service; hostNetwork mode a DaemonSet on the host's network. */
class WorkloadModeTest {

    @Test
    void relayedModeIsAThreePodDeploymentThatSurgesBeforeItRemoves() {
        RenderedChart chart = RenderedChart.render(Scenarios.defaults().values());
        Deployment deployment = chart.one(Deployment.class);
        assertEquals(3, deployment.getSpec().getReplicas());
        DeploymentStrategy strategy = deployment.getSpec().getStrategy();
        assertEquals("RollingUpdate", strategy.getType());
        assertEquals(1, strategy.getRollingUpdate().getMaxSurge().getIntVal());
        assertEquals(0, strategy.getRollingUpdate().getMaxUnavailable().getIntVal());
        assertTrue(chart.all(DaemonSet.class).isEmpty());
        assertNull(deployment.getSpec().getTemplate().getSpec().getHostNetwork());
    }

    @Test
    void deploymentSelectorMatchesItsPodLabels() {
        Deployment deployment = RenderedChart.render(Scenarios.defaults().values()).one(Deployment.class);
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        assertTrue(deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()));
        assertEquals("node", selector.get("app.kubernetes.io/component"));
    }

    @Test
    void hostNetworkModeIsADaemonSetOnTheSelectedNodesWithClusterDns() {
        RenderedChart chart = RenderedChart.render(Scenarios.hostNetwork().values());
        DaemonSet daemonSet = chart.one(DaemonSet.class);
        PodSpec pod = daemonSet.getSpec().getTemplate().getSpec();
        assertEquals(Boolean.TRUE, pod.getHostNetwork());
        assertEquals("ClusterFirstWithHostNet", pod.getDnsPolicy());
        assertEquals(Map.of("dhcp.example.net/lan", "office"), pod.getNodeSelector());
        assertEquals(1, daemonSet.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable().getIntVal());
    }

    @Test
    void hostNetworkModeHasNoDeploymentNoDhcpServiceAndNoDisruptionBudget() {
        RenderedChart chart = RenderedChart.render(Scenarios.hostNetwork().values());
        assertTrue(chart.all(Deployment.class).isEmpty());
        assertTrue(chart.all(PodDisruptionBudget.class).isEmpty());
        assertTrue(chart.find(Service.class, RenderedChart.FULLNAME).isEmpty());
        assertTrue(chart.find(Service.class, RenderedChart.FULLNAME + "-metrics").isPresent());
    }
}
