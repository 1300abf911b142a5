package org.dhcpcluster.node.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads {@code dhcp.cluster}: how this node finds and joins the others. */
final class ClusterReader {
    /** Pekko's own app-version syntax: numbers separated by dots, optionally a -qualifier. */
    private static final String APP_VERSION = "\\d+(\\.\\d+){0,2}(-[A-Za-z0-9.]+)?";

    private ClusterReader() {
    }

    static NodeConfig.Cluster read(Section cl) {
        cl.allowOnly("host", "port", "seed-nodes", "bootstrap", "app-version", "drain-delay", "tls");
        String host = cl.string("host", "127.0.0.1");
        int port = cl.integer("port", 0, 65535, 25520);
        List<String> seeds = cl.strings("seed-nodes");
        Optional<NodeConfig.Bootstrap> bootstrap = cl.optionalSection("bootstrap").map(b -> bootstrap(b, host));
        if (bootstrap.isPresent() && !seeds.isEmpty()) {
            throw cl.error("bootstrap", "cannot be combined with seed-nodes: the cluster is found either by discovery or from a list");
        }
        Optional<String> appVersion = cl.optionalString("app-version").filter(v -> !v.isBlank());
        appVersion.ifPresent(v -> {
            if (!v.matches(APP_VERSION)) {
                throw cl.error("app-version", "\"" + v + "\" is not a version like 1.4.2 (numbers separated by dots, optional -suffix)");
            }
        });
        Duration drainDelay = cl.duration("drain-delay", Duration.ZERO);
        if (drainDelay.isNegative() || drainDelay.compareTo(Duration.ofMinutes(5)) > 0) {
            throw cl.error("drain-delay", "must be between 0s and 5m");
        }
        Optional<NodeConfig.ClusterTls> tls = cl.optionalSection("tls").map(ClusterTlsReader::read);
        return new NodeConfig.Cluster(host, port, seeds, bootstrap, appVersion, drainDelay, tls);
    }

    private static NodeConfig.Bootstrap bootstrap(Section b, String clusterHost) {
        b.allowOnly("discovery", "pod-label-selector", "pod-namespace", "required-contact-points", "management-host", "management-port",
                "api-ca-path", "api-token-path");
        String discovery = b.string("discovery", "kubernetes-api");
        if (!discovery.equals("kubernetes-api")) {
            throw b.error("discovery", "\"" + discovery + "\" is not supported: only kubernetes-api (outside Kubernetes, list seed-nodes)");
        }
        String selector = b.string("pod-label-selector");
        if (selector.isBlank()) {
            throw b.error("pod-label-selector", "must select this cluster's pods, e.g. app.kubernetes.io/instance=dhcp");
        }
        return new NodeConfig.Bootstrap(selector, b.optionalString("pod-namespace").filter(s -> !s.isBlank()),
                b.integer("required-contact-points", 1, 100, 2), b.string("management-host", clusterHost),
                b.integer("management-port", 1, 65535, 8558), b.optionalString("api-ca-path"), b.optionalString("api-token-path"));
    }
}
