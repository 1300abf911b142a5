package org.dhcpcluster.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.node.edge.admission.Admission;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v6.policy.Policy6;
import org.dhcpcluster.node.edge.v6.Dhcp4o6Links;

/**
 * Everything a node needs to start, validated. Built only by {@link NodeConfigLoader}.
 *
 * @param embeddedDatabase present when no external database URL is configured: the node
 *     runs PostgreSQL itself, keeping its data in this directory across restarts
 */
public record NodeConfig(
        Management management,
        Cluster cluster,
        Optional<EmbeddedDatabase> embeddedDatabase,
        Optional<DatabaseSettings> externalDatabase,
        int databasePoolSize,
        V4 v4,
        Optional<V6> v6,
        Leases leases,
        Admission.Settings admission) {

    /**
     * The lease read model.
     *
     * @param historyRetention how long a binding interval is kept in the lease history after it ended
     */
    public record Leases(Duration historyRetention) {
    }

    /**
     * The management HTTP API.
     *
     * @param hosts the addresses to listen on, one binding each, all on {@code port} (with port 0
     *     the first binding picks it and the others follow)
     * @param tokenFile the bearer token every {@code /api} route and {@code /leave} require, one
     *     line (a mounted Kubernetes Secret); empty: the node generates a fresh token at every
     *     start into {@link #GENERATED_TOKEN_FILE}
     */
    public record Management(List<String> hosts, int port, Optional<Path> tokenFile) {
        /** Where a node without {@code token-file} writes the token it generated (mode 0600), beside var/postgres. */
        public static final Path GENERATED_TOKEN_FILE = Path.of("var", "management-token");

        public Management {
            hosts = List.copyOf(hosts);
        }
    }

    /**
     * Pekko cluster membership. With neither seed nodes nor a bootstrap the node forms a cluster
     * of its own.
     *
     * @param seedNodes host:port of nodes to join
     * @param bootstrap find the other nodes through service discovery instead of seed nodes
     * @param appVersion this node's software version, compared by Pekko during rolling updates
     *     (shards move to the newest nodes first); empty leaves Pekko's default
     * @param drainDelay on shutdown, how long the node keeps answering DHCP after it reports not
     *     ready, so a load balancer stops sending to it before its sockets close
     * @param tls mutual TLS between nodes; empty means plaintext (a single node, or a trusted network)
     */
    public record Cluster(String host, int port, List<String> seedNodes, Optional<Bootstrap> bootstrap, Optional<String> appVersion,
                          Duration drainDelay, Optional<ClusterTls> tls) {
        public Cluster(String host, int port, List<String> seedNodes) {
            this(host, port, seedNodes, Optional.empty(), Optional.empty(), Duration.ZERO, Optional.empty());
        }
    }

    /**
     * Mutual TLS on the cluster port: only a peer holding a certificate from the same CA, with a
     * subject name (CN or SAN) in common with this node's, is let in. Files are PEM.
     *
     * @param reloadInterval how long a loaded key and certificate are used before the files are
     *     read again, so a rotated Secret takes effect without a restart
     */
    public record ClusterTls(Path keyFile, Path certFile, Path caCertFile, Duration reloadInterval) {
    }

    /**
     * Cluster bootstrap through the Kubernetes API: the pods matching {@code podLabelSelector}
     * are the contact points, probed on their port named "management"; the cluster forms once
     * {@code requiredContactPoints} of them are found and agree.
     *
     * @param podNamespace empty: the namespace of the pod's service account
     * @param apiCaPath empty: the service account's CA certificate
     * @param apiTokenPath empty: the service account's token
     */
    public record Bootstrap(String podLabelSelector, Optional<String> podNamespace, int requiredContactPoints,
                            String managementHost, int managementPort, Optional<String> apiCaPath, Optional<String> apiTokenPath) {
    }

    public record EmbeddedDatabase(Path dataDirectory, int port) {
    }

    /**
     * The DHCPv4 edge and policy.
     *
     * @param interfaces interfaces to serve directly attached (broadcasting) clients on; empty
     *     means one socket on {@code listenAddress} for relayed traffic only
     * @param port the server port (67); relays are answered on it too (RFC 2131 section 4.1)
     * @param clientPort the client port (68)
     * @param dhcp4o6 which v4 subnets serve DHCPv4-over-DHCPv6 clients on which v6 links
     */
    public record V4(String listenAddress, int port, int clientPort, List<String> interfaces, Policy4 policy, Dhcp4o6Links dhcp4o6) {
    }

    /**
     * The DHCPv6 edge and policy; absent when the node serves no DHCPv6.
     *
     * @param interfaces interfaces on which to join ff02::1:2 for directly attached clients;
     *     empty means relayed traffic only
     * @param port the server and relay port (547)
     * @param clientPort the client port (546)
     * @param preference the Preference option (RFC 8415 section 21.8) in every ADVERTISE; 255 makes
     *     clients take the first advertisement without waiting for others
     */
    public record V6(int port, int clientPort, List<String> interfaces, int preference, Policy6 policy) {
    }
}
