package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Cluster TLS is on by default: every pod mounts one TLS Secret (given, or issued by
 * cert-manager) as a directory and node.conf points the node at it.
 */
class ClusterTlsTest {
    private static final String MOUNT = "/run/secrets/dhcp-cluster-tls";

    private static Optional<Volume> tlsVolume(RenderedChart chart) {
        return chart.nodePodTemplate().getSpec().getVolumes().stream().filter(v -> v.getName().equals("cluster-tls")).findFirst();
    }

    private static Optional<VolumeMount> tlsMount(RenderedChart chart) {
        return chart.nodeContainer().getVolumeMounts().stream().filter(m -> m.getName().equals("cluster-tls")).findFirst();
    }

    @Test
    void podsMountTheGivenSecretAndTheNodeReadsIt() {
        RenderedChart chart = RenderedChart.render(Scenarios.defaults().values());
        assertEquals(ChartValues.CLUSTER_TLS_SECRET, tlsVolume(chart).orElseThrow().getSecret().getSecretName());
        VolumeMount mount = tlsMount(chart).orElseThrow();
        assertEquals(MOUNT, mount.getMountPath());
        assertTrue(mount.getReadOnly());
        assertEquals(null, mount.getSubPath(), "a subPath mount would never see a rotated Secret");
        Config tls = NodeConf.parse(chart).getConfig("dhcp.cluster.tls");
        assertEquals(MOUNT, tls.getString("directory"));
        assertEquals("5m", tls.getString("reload-interval"));
    }

    @Test
    void withoutASecretOrCertManagerTheChartRefusesToRender() {
        String message = RenderedChart.failureOf(ChartValues.none().with("postgresql.existingSecret", ChartValues.DATABASE_SECRET));
        assertTrue(message.contains("set clusterTls.existingSecret"), message);
        assertTrue(message.contains("clusterTls.certManager.enabled=true"), message);
        assertTrue(message.contains("clusterTls.enabled=false"), message);
    }

    @Test
    void certManagerIssuesTheSecretThePodsMount() {
        RenderedChart chart = RenderedChart.render(ChartValues.none().with("postgresql.existingSecret", ChartValues.DATABASE_SECRET)
                .with("clusterTls.certManager.enabled", true).with("clusterTls.certManager.issuerName", "dhcp-ca"));
        GenericKubernetesResource certificate = chart.all(GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals("Certificate")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) certificate.getAdditionalProperties().get("spec");
        String secret = RenderedChart.FULLNAME + "-cluster-tls";
        assertEquals(secret, spec.get("secretName"));
        assertEquals(Map.of("name", "dhcp-ca", "kind", "Issuer", "group", "cert-manager.io"), spec.get("issuerRef"));
        assertEquals("RSA", ((Map<?, ?>) spec.get("privateKey")).get("algorithm"), "Pekko reads RSA keys only");
        assertEquals(List.of("server auth", "client auth"), spec.get("usages"));
        assertEquals(secret, tlsVolume(chart).orElseThrow().getSecret().getSecretName());
    }

    @Test
    void certManagerNeedsAnIssuer() {
        String message = RenderedChart.failureOf(ChartValues.withSecret().with("clusterTls.existingSecret", "")
                .with("clusterTls.certManager.enabled", true));
        assertTrue(message.contains("clusterTls.certManager.issuerName is required"), message);
    }

    @Test
    void switchedOffNothingIsMountedAndTheNodeRunsPlaintext() {
        RenderedChart chart = RenderedChart.render(ChartValues.none().with("postgresql.existingSecret", ChartValues.DATABASE_SECRET)
                .with("clusterTls.enabled", false));
        assertFalse(tlsVolume(chart).isPresent());
        assertFalse(tlsMount(chart).isPresent());
        assertFalse(NodeConf.parse(chart).hasPath("dhcp.cluster.tls"));
    }
}
