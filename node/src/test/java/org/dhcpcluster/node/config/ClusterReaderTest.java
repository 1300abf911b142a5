package org.dhcpcluster.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterReaderTest {
    private static NodeConfig.Cluster read(String body) {
        return ClusterReader.read(new Section(ConfigFactory.parseString(body), "dhcp.cluster", ""));
    }

    private static ConfigError refused(String body) {
        return assertThrows(ConfigError.class, () -> read(body));
    }

    @Test
    void withoutSeedsOrBootstrapANodeFormsItsOwnCluster() {
        NodeConfig.Cluster c = read("");
        assertTrue(c.seedNodes().isEmpty());
        assertTrue(c.bootstrap().isEmpty());
        assertEquals(Duration.ZERO, c.drainDelay());
        assertEquals(Optional.empty(), c.appVersion());
    }

    @Test
    void aKubernetesBootstrapDefaultsToTwoContactPointsOnTheManagementPort() {
        NodeConfig.Cluster c = read("host = \"10.1.2.3\", app-version = \"1.0.7\", drain-delay = 5s\n"
                + "bootstrap { pod-label-selector = \"app.kubernetes.io/instance=dhcp\" }");
        NodeConfig.Bootstrap b = c.bootstrap().orElseThrow();
        assertEquals("app.kubernetes.io/instance=dhcp", b.podLabelSelector());
        assertEquals(2, b.requiredContactPoints());
        assertEquals("10.1.2.3", b.managementHost());
        assertEquals(8558, b.managementPort());
        assertFalse(b.podNamespace().isPresent());
        assertEquals(Optional.of("1.0.7"), c.appVersion());
        assertEquals(Duration.ofSeconds(5), c.drainDelay());
    }

    @Test
    void bootstrapAndSeedNodesExcludeEachOther() {
        ConfigError e = refused("seed-nodes = [\"10.0.0.1:25520\"]\nbootstrap { pod-label-selector = \"app=dhcp\" }");
        assertEquals("dhcp.cluster.bootstrap", e.key());
    }

    @Test
    void onlyKubernetesDiscoveryIsOffered() {
        ConfigError e = refused("bootstrap { discovery = \"dns\", pod-label-selector = \"app=dhcp\" }");
        assertEquals("dhcp.cluster.bootstrap.discovery", e.key());
        assertTrue(e.getMessage().contains("seed-nodes"), e.getMessage());
    }

    @Test
    void aBootstrapNeedsALabelSelector() {
        assertEquals("dhcp.cluster.bootstrap.pod-label-selector", refused("bootstrap { }").key());
    }

    @Test
    void anAppVersionMustBeOrderable() {
        ConfigError e = refused("app-version = \"latest\"");
        assertEquals("dhcp.cluster.app-version", e.key());
    }

    @Test
    void anEmptyAppVersionMeansPekkosDefault() {
        // what ${?DHCP_APP_VERSION} gives when a chart leaves it empty
        assertEquals(Optional.empty(), read("app-version = \"\"").appVersion());
    }

    @Test
    void aNegativeDrainDelayIsRefused() {
        assertEquals("dhcp.cluster.drain-delay", refused("drain-delay = -1s").key());
    }
}
