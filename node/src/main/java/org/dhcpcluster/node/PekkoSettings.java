package org.dhcpcluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.node.config.NodeConfig;

/**
 * The ActorSystem's configuration: this node's own values first, then anything under
 * {@code pekko} in the operator's file, then the shared cluster and persistence settings,
 * then the libraries' defaults; resolved once at the end (resolving earlier would freeze
 * substitutions before the node's values are in).
 */
final class PekkoSettings {
    static final String SYSTEM_NAME = "dhcp";

    private PekkoSettings() {
    }

    /** Seeds may be written as host:port; Pekko wants the full actor-system address. */
    static String seedAddress(String seed) {
        return seed.contains("://") ? seed : "pekko://" + SYSTEM_NAME + "@" + seed;
    }

    static Config build(NodeConfig node, Config operatorFile, DatabaseSettings db) {
        // No seed nodes: the node joins itself once started (NodeRuntime), which also works
        // with port 0, where no seed address could be written down in advance.
        List<String> seeds = node.cluster().seedNodes().stream().map(PekkoSettings::seedAddress).toList();
        Config own = ConfigFactory.empty()
                .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(node.cluster().host()))
                .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(node.cluster().port()))
                .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds))
                .withValue("dhcp.database.url", ConfigValueFactory.fromAnyRef(db.url()))
                .withValue("dhcp.database.user", ConfigValueFactory.fromAnyRef(db.user()))
                .withValue("dhcp.database.password", ConfigValueFactory.fromAnyRef(db.password()))
                .withValue("dhcp.database.pool-size", ConfigValueFactory.fromAnyRef(db.poolSize()));
        Config operatorPekko = operatorFile.hasPath("pekko") ? operatorFile.withOnlyPath("pekko") : ConfigFactory.empty();
        return own.withFallback(operatorPekko)
                .withFallback(ConfigFactory.parseResources("dhcp-cluster.conf"))
                .withFallback(ConfigFactory.parseResources("dhcp-persistence.conf"))
                .withFallback(ConfigFactory.defaultReference())
                .resolve();
    }
}
