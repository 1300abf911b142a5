package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The management API stays off the clients' LAN and behind its token: node.conf binds the pod
 * IP and the pod's own loopback (relayed mode) or the configured addresses (hostNetwork mode),
 * never 0.0.0.0; the token
 * Secret is mounted read-only where node.conf looks for it; a NetworkPolicy is there by default.
 */
class ManagementPlaneTest {
    private static final String TOKEN_DIR = "/var/run/secrets/dhcp-node/management";

    static Stream<Scenarios> workloads() {
        return Stream.of(Scenarios.defaults(), Scenarios.hostNetwork());
    }

    private static Config management(RenderedChart chart) {
        return NodeConf.parse(chart).getConfig("dhcp.management");
    }

    @Test
    void inRelayedModeTheDeploymentListensOnThePodIpAndThePodsOwnLoopbackOnly() {
        RenderedChart chart = RenderedChart.render(Scenarios.defaults().values());
        chart.one(Deployment.class);
        assertFalse(chart.nodeConf().contains("0.0.0.0\", port"), chart.nodeConf());
        assertEquals(List.of("127.0.0.1", NodeConf.FAKE_POD_ENV.get("POD_IP")), management(chart).getStringList("hosts"));
        EnvVar podIp = chart.nodeContainer().getEnv().stream().filter(e -> e.getName().equals("POD_IP")).findFirst().orElseThrow();
        assertEquals("status.podIP", podIp.getValueFrom().getFieldRef().getFieldPath());
    }

    @Test
    void inHostNetworkModeTheDaemonSetListensOnLoopbackAndThePodIpOrTheConfiguredAddresses() {
        RenderedChart chart = RenderedChart.render(Scenarios.hostNetwork().values());
        assertTrue(chart.one(DaemonSet.class).getSpec().getTemplate().getSpec().getHostNetwork());
        assertEquals(List.of("127.0.0.1", NodeConf.FAKE_POD_ENV.get("POD_IP")), management(chart).getStringList("hosts"));

        RenderedChart custom = RenderedChart.render(Scenarios.hostNetwork().values()
                .with("management.hostNetworkAddresses", List.of("127.0.0.1", "10.9.8.7")));
        assertEquals(List.of("127.0.0.1", "10.9.8.7"), management(custom).getStringList("hosts"));
    }

    @Test
    void everyAddressOfTheHostIsRefusedInHostNetworkMode() {
        for (String wildcard : List.of("0.0.0.0", "::")) {
            String failure = RenderedChart.failureOf(Scenarios.hostNetwork().values()
                    .with("management.hostNetworkAddresses", List.of("127.0.0.1", wildcard)));
            assertTrue(failure.contains("management.hostNetworkAddresses"), failure);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void theGeneratedTokenSecretIsMountedReadOnlyWhereNodeConfReadsIt(Scenarios scenario) {
        RenderedChart chart = RenderedChart.render(scenario.values());
        Secret secret = chart.named(Secret.class, RenderedChart.FULLNAME + "-management");
        String token = new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.US_ASCII);
        assertTrue(token.matches("[A-Za-z0-9]{48}"), "a random token of 48 letters and digits");

        PodSpec pod = chart.nodePodTemplate().getSpec();
        VolumeMount mount = chart.nodeContainer().getVolumeMounts().stream().filter(m -> m.getMountPath().equals(TOKEN_DIR))
                .findFirst().orElseThrow(() -> new AssertionError("the token is not mounted at " + TOKEN_DIR));
        assertTrue(mount.getReadOnly());
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        assertEquals(secret.getMetadata().getName(), volume.getSecret().getSecretName());
        assertEquals(TOKEN_DIR + "/token", management(chart).getString("token-file"));
    }

    @Test
    void anExistingSecretIsMountedInsteadOfAGeneratedOne() {
        RenderedChart chart = RenderedChart.render(Scenarios.defaults().values()
                .with("management.existingSecret", "ops-mgmt").with("management.tokenKey", "bearer"));
        assertTrue(chart.find(Secret.class, RenderedChart.FULLNAME + "-management").isEmpty());
        Volume volume = chart.nodePodTemplate().getSpec().getVolumes().stream().filter(v -> v.getSecret() != null).findFirst().orElseThrow();
        assertEquals("ops-mgmt", volume.getSecret().getSecretName());
        assertEquals(TOKEN_DIR + "/bearer", management(chart).getString("token-file"));
    }

    @Test
    void aNetworkPolicyAdmitsDhcpAndTheManagementPortOnlyFromTheReleaseNamespaceByDefault() {
        NetworkPolicy policy = RenderedChart.render(Scenarios.defaults().values()).one(NetworkPolicy.class);
        List<NetworkPolicyIngressRule> ingress = policy.getSpec().getIngress();
        assertTrue(ingress.stream().anyMatch(r -> r.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 67
                && p.getProtocol().equals("UDP"))), "a DHCP rule");
        List<NetworkPolicyIngressRule> http = ingress.stream()
                .filter(r -> r.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 8067)).toList();
        assertFalse(http.isEmpty(), "a rule for the management port");
        for (NetworkPolicyIngressRule r : http) {
            assertFalse(r.getFrom().isEmpty(), "the management port is never open to all");
            for (NetworkPolicyPeer peer : r.getFrom()) {
                assertEquals(null, peer.getIpBlock(), "no address block reaches the management port");
            }
        }
        assertTrue(http.stream().flatMap(r -> r.getFrom().stream())
                        .anyMatch(p -> p.getNamespaceSelector() == null && p.getPodSelector() != null
                                && (p.getPodSelector().getMatchLabels() == null || p.getPodSelector().getMatchLabels().isEmpty())),
                "every pod of the release's own namespace");
    }
}
