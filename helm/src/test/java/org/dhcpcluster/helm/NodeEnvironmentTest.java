package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The variables node.conf refers to: pod identity from the downward API, database settings from a Secret. */
class NodeEnvironmentTest {

    private static Map<String, EnvVar> envOf(ChartValues values) {
        Map<String, EnvVar> env = new TreeMap<>();
        RenderedChart.render(values).nodeContainer().getEnv().forEach(e -> env.put(e.getName(), e));
        return env;
    }

    private static String secretRef(EnvVar variable) {
        SecretKeySelector ref = variable.getValueFrom().getSecretKeyRef();
        return ref.getName() + "/" + ref.getKey();
    }

    @Test
    void databaseSettingsComeFromTheExistingSecretsDefaultKeys() {
        Map<String, EnvVar> env = envOf(ChartValues.withSecret());
        assertEquals("dhcp-db/jdbc-url", secretRef(env.get("DHCP_DB_URL")));
        assertEquals("dhcp-db/username", secretRef(env.get("DHCP_DB_USER")));
        assertEquals("dhcp-db/password", secretRef(env.get("DHCP_DB_PASSWORD")));
    }

    @Test
    void theSecretsKeyNamesCanBeChosen() {
        Map<String, EnvVar> env = envOf(ChartValues.withSecret()
                .with("postgresql.secretKeys.url", "url")
                .with("postgresql.secretKeys.user", "user")
                .with("postgresql.secretKeys.password", "pass"));
        assertEquals(List.of("dhcp-db/url", "dhcp-db/user", "dhcp-db/pass"),
                List.of(secretRef(env.get("DHCP_DB_URL")), secretRef(env.get("DHCP_DB_USER")), secretRef(env.get("DHCP_DB_PASSWORD"))));
    }

    @Test
    void podAddressNameAndNamespaceComeFromTheDownwardApi() {
        Map<String, EnvVar> env = envOf(ChartValues.withSecret());
        assertEquals("status.podIP", env.get("POD_IP").getValueFrom().getFieldRef().getFieldPath());
        assertEquals("metadata.name", env.get("POD_NAME").getValueFrom().getFieldRef().getFieldPath());
        assertEquals("metadata.namespace", env.get("POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath());
    }

    @Test
    void theJvmSizesItsHeapFromTheContainerLimit() {
        assertEquals("-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError",
                envOf(ChartValues.withSecret()).get("JAVA_TOOL_OPTIONS").getValue());
        assertEquals("1Gi", RenderedChart.render(ChartValues.withSecret()).nodeContainer()
                .getResources().getLimits().get("memory").toString());
    }

    @Test
    void theAppVersionFollowsTheReleaseRevisionUnlessSet() {
        // helm template renders revision 1
        assertEquals("1.0.1", envOf(ChartValues.withSecret()).get("DHCP_APP_VERSION").getValue());
        assertEquals("2.3.0", envOf(ChartValues.withSecret().with("cluster.appVersion", "2.3.0"))
                .get("DHCP_APP_VERSION").getValue());
    }
}
