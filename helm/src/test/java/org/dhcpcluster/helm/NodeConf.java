package org.dhcpcluster.helm;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Map;

/**
 * The rendered node.conf parsed as the node parses it: HOCON whose ${...} substitutions are
 * resolved against the pod's environment, here a fixed fake one.
 */
final class NodeConf {
    static final Map<String, String> FAKE_POD_ENV = Map.of(
            "POD_IP", "10.244.1.7",
            "DHCP_APP_VERSION", "1.0.1",
            "DHCP_DB_URL", "jdbc:postgresql://db.example.net:5432/dhcp",
            "DHCP_DB_USER", "dhcp",
            "DHCP_DB_PASSWORD", "secret");

    private NodeConf() {
    }

    static Config parse(RenderedChart chart) {
        return ConfigFactory.parseString(chart.nodeConf()).resolveWith(ConfigFactory.parseMap(FAKE_POD_ENV));
    }
}
