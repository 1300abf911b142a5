package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** postgresql.bundled.enabled: one PostgreSQL pod, its Service and a generated Secret the nodes use. */
class BundledPostgresTest {

    private static final String NAME = RenderedChart.FULLNAME + "-postgresql";

    private final RenderedChart chart = RenderedChart.render(Scenarios.bundledPostgres().values());

    private static String decoded(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    @Test
    void aPostgres15StatefulSetKeepsItsDataOnAClaim() {
        StatefulSet postgres = chart.named(StatefulSet.class, NAME);
        Container container = postgres.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("postgres:15", container.getImage());
        assertEquals(1, postgres.getSpec().getReplicas());
        assertEquals("8Gi", postgres.getSpec().getVolumeClaimTemplates().get(0).getSpec()
                .getResources().getRequests().get("storage").toString());
    }

    @Test
    void withoutPersistenceTheDataLivesInAnEmptyDir() {
        StatefulSet postgres = RenderedChart.render(Scenarios.bundledPostgres().values()
                .with("postgresql.bundled.persistence.enabled", false)).named(StatefulSet.class, NAME);
        assertTrue(postgres.getSpec().getVolumeClaimTemplates().isEmpty());
        assertNotNull(postgres.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("data")).findFirst().orElseThrow().getEmptyDir());
    }

    @Test
    void theGeneratedSecretPointsAtTheBundledService() {
        Secret secret = chart.named(Secret.class, NAME);
        Service service = chart.named(Service.class, NAME);
        assertEquals(5432, service.getSpec().getPorts().get(0).getPort());
        assertEquals("jdbc:postgresql://" + NAME + ":5432/dhcp", decoded(secret, "jdbc-url"));
        assertEquals("dhcp", decoded(secret, "username"));
        assertTrue(decoded(secret, "password").length() >= 16);
    }

    @Test
    void anUpgradeKeepsThePasswordOfTheSecretAlreadyInTheCluster() {
        FakeKubernetesApi api = FakeKubernetesApi.ensureRunning();
        Secret earlier = new SecretBuilder().withNewMetadata().withName(NAME).endMetadata()
                .addToData("password", Base64.getEncoder().encodeToString("kept-password".getBytes(StandardCharsets.UTF_8)))
                .build();
        api.putSecret(RenderedChart.NAMESPACE, earlier);
        try {
            Secret rendered = RenderedChart.render(Scenarios.bundledPostgres().values()).named(Secret.class, NAME);
            assertEquals("kept-password", decoded(rendered, "password"));
            assertTrue(api.requests().contains("GET /api/v1/namespaces/" + RenderedChart.NAMESPACE + "/secrets/" + NAME));
        } finally {
            api.clear();
        }
    }

    @Test
    void aFirstInstallGeneratesAFreshPassword() {
        String first = decoded(chart.named(Secret.class, NAME), "password");
        String second = decoded(RenderedChart.render(Scenarios.bundledPostgres().values()).named(Secret.class, NAME), "password");
        assertNotEquals(first, second);
    }

    @Test
    void theNodesReadTheGeneratedSecret() {
        for (EnvVar variable : chart.nodeContainer().getEnv()) {
            if (variable.getName().startsWith("DHCP_DB_")) {
                assertEquals(NAME, variable.getValueFrom().getSecretKeyRef().getName(), variable.getName());
            }
        }
    }

    @Test
    void theDatabasePodIsNoClusterBootstrapContactPoint() {
        Map<String, String> labels = chart.named(StatefulSet.class, NAME).getSpec().getTemplate().getMetadata().getLabels();
        assertEquals("postgresql", labels.get("app.kubernetes.io/component"));
        assertFalse(chart.nodeConf().contains("component=postgresql"));
        assertTrue(chart.nodeConf().contains("app.kubernetes.io/component=node"));
    }
}
