package org.dhcpcluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;

/** The configuration a node runs with when none is given: {@code demo.conf} on the classpath. */
final class DemoConfig {
    private DemoConfig() {
    }

    static Config load() {
        return ConfigFactory.parseResources("demo.conf")
                .resolveWith(ConfigFactory.systemEnvironment(), ConfigResolveOptions.defaults());
    }
}
