package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ConfigMap's node.conf is HOCON the node can load, built from the chart's values. */
class NodeConfTest {

    private final Config defaults = NodeConf.parse(RenderedChart.render(Scenarios.defaults().values()));

    @Test
    void theDefaultV4SubnetPoolAndOptionsAreRendered() {
        Config v4 = defaults.getConfig("dhcp.v4");
        assertEquals("192.0.2.1", v4.getString("service-address"));
        assertEquals(Duration.ofHours(1), v4.getDuration("lease-time"));
        assertEquals(List.of("192.0.2.53"), v4.getStringList("options.domain-name-servers"));
        Config subnet = v4.getConfigList("subnets").get(0);
        assertEquals(1, subnet.getInt("id"));
        assertEquals("198.51.100.0/24", subnet.getString("subnet"));
        assertEquals(List.of("198.51.100.10 - 198.51.100.250"), subnet.getStringList("pools"));
        assertEquals("198.51.100.1", subnet.getString("options.routers"));
    }

    @Test
    void relayedNodesListenOnPort67WithoutInterfaces() {
        assertEquals(67, defaults.getInt("dhcp.v4.listen.port"));
        assertFalse(defaults.hasPath("dhcp.v4.listen.interfaces"));
        assertFalse(defaults.hasPath("dhcp.v6"));
    }

    @Test
    void clusterBootstrapFindsThisReleasesNodePodsThroughTheKubernetesApi() {
        Config bootstrap = defaults.getConfig("dhcp.cluster.bootstrap");
        assertEquals("kubernetes-api", bootstrap.getString("discovery"));
        assertEquals("app.kubernetes.io/component=node,app.kubernetes.io/instance=" + RenderedChart.RELEASE
                + ",app.kubernetes.io/name=dhcp-cluster", bootstrap.getString("pod-label-selector"));
        assertEquals(2, bootstrap.getInt("required-contact-points"));
        assertEquals(8558, bootstrap.getInt("management-port"));
    }

    @Test
    void clusterAddressVersionAndDatabaseComeFromThePodEnvironment() {
        assertEquals("10.244.1.7", defaults.getString("dhcp.cluster.host"));
        assertEquals(25520, defaults.getInt("dhcp.cluster.port"));
        assertEquals("1.0.1", defaults.getString("dhcp.cluster.app-version"));
        assertEquals(Duration.ofSeconds(5), defaults.getDuration("dhcp.cluster.drain-delay"));
        assertEquals("jdbc:postgresql://db.example.net:5432/dhcp", defaults.getString("dhcp.database.url"));
        assertEquals("dhcp", defaults.getString("dhcp.database.user"));
        assertEquals("secret", defaults.getString("dhcp.database.password"));
        assertEquals(8, defaults.getInt("dhcp.database.pool-size"));
        assertEquals(List.of("127.0.0.1", "10.244.1.7"), defaults.getStringList("dhcp.management.hosts"));
        assertEquals(8067, defaults.getInt("dhcp.management.port"));
    }

    @Test
    void theSplitBrainResolverKeepsTheMajorityByDefault() {
        assertEquals("keep-majority", defaults.getString("pekko.cluster.split-brain-resolver.active-strategy"));
        assertFalse(defaults.hasPath("pekko.cluster.split-brain-resolver.static-quorum"));
    }

    @Test
    void aStaticQuorumIsRenderedWithItsSize() {
        Config conf = NodeConf.parse(RenderedChart.render(ChartValues.withSecret()
                .with("replicaCount", 5)
                .with("cluster.splitBrainResolver.strategy", "static-quorum")
                .with("cluster.splitBrainResolver.quorumSize", 3)));
        assertEquals("static-quorum", conf.getString("pekko.cluster.split-brain-resolver.active-strategy"));
        assertEquals(3, conf.getInt("pekko.cluster.split-brain-resolver.static-quorum.quorum-size"));
    }

    @Test
    void hostNetworkNodesListenOnTheConfiguredInterfaces() {
        Config conf = NodeConf.parse(RenderedChart.render(Scenarios.hostNetwork().values()));
        assertEquals(List.of("eth1", "eth2"), conf.getStringList("dhcp.v4.listen.interfaces"));
        assertEquals(67, conf.getInt("dhcp.v4.listen.port"));
    }

    @Test
    void v6IsRenderedWithoutItsEnabledSwitch() {
        Config conf = NodeConf.parse(RenderedChart.render(Scenarios.v6().values()));
        Config v6 = conf.getConfig("dhcp.v6");
        assertFalse(v6.hasPath("enabled"));
        assertEquals(547, v6.getInt("listen.port"));
        assertEquals("2001:db8:1::/64", v6.getConfigList("subnets").get(0).getString("subnet"));
        assertEquals(List.of("2001:db8:1::53"), v6.getStringList("options.dns-servers"));
    }

    @Test
    void hostNetworkV6ListensOnTheSameInterfaces() {
        Config conf = NodeConf.parse(RenderedChart.render(Scenarios.hostNetwork().values().with("dhcp.v6.enabled", true)));
        assertEquals(List.of("eth1", "eth2"), conf.getStringList("dhcp.v6.listen.interfaces"));
    }

    @Test
    void kebabCaseKeysPastedFromSingleNodeConfArriveUnchanged() {
        Config conf = NodeConf.parse(RenderedChart.render(ChartValues.withSecret()
                .with("dhcp.v4.offer-hold", "30s")
                .with("dhcp.v4.decline-quarantine", "24h")
                .with("dhcp.v4.authoritative", true)));
        assertEquals(Duration.ofSeconds(30), conf.getDuration("dhcp.v4.offer-hold"));
        assertEquals(Duration.ofHours(24), conf.getDuration("dhcp.v4.decline-quarantine"));
        assertTrue(conf.getBoolean("dhcp.v4.authoritative"));
    }
}
