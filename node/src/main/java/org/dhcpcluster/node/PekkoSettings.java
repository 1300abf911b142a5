package org.dhcpcluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Cluster bootstrap: Pekko Management serves the contact-point probe on its own port, and
     * the other nodes are the pods the Kubernetes API lists for the label selector.
     */
    private static Config bootstrap(NodeConfig.Bootstrap b) {
        Map<String, Object> values = new HashMap<>();
        values.put("pekko.management.http.hostname", b.managementHost());
        values.put("pekko.management.http.port", b.managementPort());
        values.put("pekko.management.cluster.bootstrap.contact-point-discovery.discovery-method", "kubernetes-api");
        values.put("pekko.management.cluster.bootstrap.contact-point-discovery.service-name", SYSTEM_NAME);
        // The pod's container port with this name is where the other nodes' Management answers.
        values.put("pekko.management.cluster.bootstrap.contact-point-discovery.port-name", "management");
        values.put("pekko.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr", b.requiredContactPoints());
        values.put("pekko.discovery.kubernetes-api.pod-label-selector", b.podLabelSelector());
        // Pod IPs as contact points: no dependency on cluster DNS for pod hostnames.
        values.put("pekko.discovery.kubernetes-api.use-raw-ip", true);
        b.podNamespace().ifPresent(ns -> values.put("pekko.discovery.kubernetes-api.pod-namespace", ns));
        b.apiCaPath().ifPresent(p -> values.put("pekko.discovery.kubernetes-api.api-ca-path", p));
        b.apiTokenPath().ifPresent(p -> values.put("pekko.discovery.kubernetes-api.api-token-path", p));
        return ConfigFactory.parseMap(values);
    }

    /**
     * Artery over TLS with mutual authentication, from PEM files that Pekko reads again every
     * {@code reloadInterval} (a rotated Secret needs no restart). Besides the CA check, Pekko's
     * provider admits a peer only if its certificate shares a subject name (CN or SAN) with this
     * node's own.
     */
    private static Config tls(NodeConfig.ClusterTls tls) {
        String engine = "pekko.remote.artery.ssl.rotating-keys-engine.";
        Map<String, Object> values = new HashMap<>();
        values.put("pekko.remote.artery.transport", "tls-tcp");
        values.put("pekko.remote.artery.ssl.ssl-engine-provider", "org.apache.pekko.remote.artery.tcp.ssl.RotatingKeysSSLEngineProvider");
        values.put(engine + "key-file", tls.keyFile().toAbsolutePath().toString());
        values.put(engine + "cert-file", tls.certFile().toAbsolutePath().toString());
        values.put(engine + "ca-cert-file", tls.caCertFile().toAbsolutePath().toString());
        values.put(engine + "ssl-context-cache-ttl", tls.reloadInterval().toMillis() + "ms");
        return ConfigFactory.parseMap(values);
    }

    private static Config withAppVersion(Config own, NodeConfig.Cluster cluster) {
        return cluster.appVersion().map(v -> own.withValue("pekko.cluster.app-version", ConfigValueFactory.fromAnyRef(v))).orElse(own);
    }

    /**
     * The drain delay runs in coordinated shutdown's before-service-unbind phase, whose timeout
     * (5 s by default) must outlast it, or shutdown would move on with the sockets still open.
     */
    private static Config withDrainDelay(Config own, Duration drainDelay) {
        long timeoutMillis = Math.max(5_000, drainDelay.toMillis() + 5_000);
        return own.withValue("pekko.coordinated-shutdown.phases.before-service-unbind.timeout",
                ConfigValueFactory.fromAnyRef(timeoutMillis + "ms"));
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
        own = withAppVersion(own, node.cluster());
        own = withDrainDelay(own, node.cluster().drainDelay());
        if (node.cluster().tls().isPresent()) {
            own = own.withFallback(tls(node.cluster().tls().get()));
        }
        if (node.cluster().bootstrap().isPresent()) {
            own = own.withFallback(bootstrap(node.cluster().bootstrap().get()));
        }
        Config operatorPekko = operatorFile.hasPath("pekko") ? operatorFile.withOnlyPath("pekko") : ConfigFactory.empty();
        return own.withFallback(operatorPekko)
                .withFallback(ConfigFactory.parseResources("dhcp-cluster.conf"))
                .withFallback(ConfigFactory.parseResources("dhcp-persistence.conf"))
                .withFallback(ConfigFactory.defaultReference())
                .resolve();
    }
}
