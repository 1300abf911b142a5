package org.dhcpcluster.node;

import com.typesafe.config.Config;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.readmodel.JournalMaintenance;
import org.dhcpcluster.lease.readmodel.ReadModel;
import java.util.HashMap;
import java.util.Map;
import org.dhcpcluster.lease.carryover.CarryOver;
import org.dhcpcluster.lease.carryover.FirstDesign4;
import org.dhcpcluster.lease.partition.PartitionDirectory;
import org.dhcpcluster.lease.partition.PartitionEntity;
import org.dhcpcluster.lease.partition.PartitionRules;
import org.dhcpcluster.lease.transaction.FirstReports;
import org.dhcpcluster.lease.transaction.TransactionEntity;
import org.dhcpcluster.lease.v4.Leases4;
import org.dhcpcluster.lease.v4.Rules4;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.carryover.FirstDesign6;
import org.dhcpcluster.lease.v6.Leases6;
import org.dhcpcluster.lease.v6.Rules6;
import org.dhcpcluster.lease.v6.policy.Policy6;
import org.dhcpcluster.node.config.NodeConfig;
import org.dhcpcluster.node.database.EmbeddedDatabase;
import org.dhcpcluster.node.edge.admission.Admission;
import org.dhcpcluster.node.edge.v4.Dhcp4Edge;
import org.dhcpcluster.node.edge.v4.Dhcp4Service;
import org.dhcpcluster.node.edge.v6.Dhcp6Edge;
import org.dhcpcluster.node.edge.v6.Dhcp6Service;
import org.dhcpcluster.node.http.BearerToken;
import org.dhcpcluster.node.http.LeaseApi;
import org.dhcpcluster.node.http.ManagementApi;
import org.dhcpcluster.node.http.ManagementServer;
import org.dhcpcluster.node.lifecycle.Departure;
import org.dhcpcluster.node.lifecycle.ReadinessProbe;
import org.dhcpcluster.node.lifecycle.Warmup;
import org.dhcpcluster.node.metrics.DhcpMetrics;
import org.dhcpcluster.node.metrics.RefusedPayloads;
import org.dhcpcluster.node.status.ClusterStatus;
import org.dhcpcluster.protocol.v6.Duid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node, started in dependency order and stopped in reverse:
 * database (embedded or checked external) -> actor system and cluster membership -> lease
 * shards -> DHCP sockets -> management HTTP. On SIGTERM, Pekko's coordinated shutdown runs
 * the same steps backwards: sockets close first (no new work), the node leaves the cluster
 * (its shards move to other nodes), then the database stops.
 */
public final class NodeRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeRuntime.class);
    private static final Duration MEMBER_UP_TIMEOUT = Duration.ofSeconds(60);
    /** POST /leave answers after the drain delay and the shard hand-off, which takes seconds; this is its margin. */
    private static final Duration LEAVE_HAND_OFF = Duration.ofSeconds(90);

    private final ActorSystem<Void> system;
    private final Dhcp4Edge edge;
    private final Optional<Dhcp6Edge> edge6;
    private final ManagementServer management;
    private final Optional<EmbeddedDatabase> embedded;
    private final PrometheusMeterRegistry registry;
    private final DhcpMetrics metrics;
    private final Optional<DhcpMetrics> metrics6;
    private final ReadinessProbe readiness;
    private final ReadModel readModel;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NodeRuntime(ActorSystem<Void> system, Dhcp4Edge edge, Optional<Dhcp6Edge> edge6, ManagementServer management, Optional<EmbeddedDatabase> embedded,
                        PrometheusMeterRegistry registry, DhcpMetrics metrics, Optional<DhcpMetrics> metrics6, ReadinessProbe readiness,
                        ReadModel readModel) {
        this.system = system;
        this.edge = edge;
        this.edge6 = edge6;
        this.management = management;
        this.embedded = embedded;
        this.registry = registry;
        this.metrics = metrics;
        this.metrics6 = metrics6;
        this.readiness = readiness;
        this.readModel = readModel;
    }

    public static NodeRuntime start(NodeConfig config, Config operatorFile) {
        Optional<EmbeddedDatabase> embedded = config.embeddedDatabase().map(e -> EmbeddedDatabase.start(e, config.databasePoolSize()));
        DatabaseSettings db = embedded.map(EmbeddedDatabase::settings).orElseGet(() -> config.externalDatabase().orElseThrow());
        ActorSystem<Void> system = null;
        ReadModel readModel = null;
        try {
            db.verifyAndPrepare();
            log.info("event=database_ready url={}", db.url());

            system = ActorSystem.create(Behaviors.empty(), PekkoSettings.SYSTEM_NAME, PekkoSettings.build(config, operatorFile, db));
            joinCluster(system, config.cluster());

            Clock clock = Clock.systemUTC();
            Policy4 policy = config.v4().policy();
            Supplier<Policy4> policySource = () -> policy;
            Map<Integer, PartitionRules> rules = new HashMap<>();
            rules.put(4, new Rules4(policySource));
            config.v6().ifPresent(v6 -> rules.put(6, new Rules6(() -> v6.policy())));
            Warmup.exercise(system, db, config.v6().map(NodeConfig.V6::policy));
            PartitionEntity.init(system, rules, clock);
            PartitionDirectory partitions = PartitionDirectory.sharded(system);
            CarryOver.run(system, db, partitions, config.v6().isPresent()
                    ? List.of(new FirstDesign4(policySource), new FirstDesign6()) : List.of(new FirstDesign4(policySource)));
            readModel = ReadModel.start(system, db, JournalMaintenance.Settings.withRetention(config.leases().historyRetention()), clock);

            Warmup.wakePartitions(system, partitions, policy, config.v6().map(NodeConfig.V6::policy));

            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            RefusedPayloads.register(registry, system);
            DhcpMetrics metrics = new DhcpMetrics(registry, "dhcp4");
            TransactionEntity.init(system);
            // One admission for both families: a relay's DHCPv4 and DHCPv6 share its limits per address.
            Admission admission = new Admission(config.admission());
            Dhcp4Service service = new Dhcp4Service(new Leases4(partitions, policySource, system.scheduler()), new FirstReports(system),
                    policySource, metrics,
                    config.v4().port(), config.v4().clientPort(), admission, clock);
            Dhcp4Edge edge = Dhcp4Edge.start(config.v4(), service);
            ActorSystem<Void> running = system;
            Optional<DhcpMetrics> metrics6 = config.v6().map(v6 -> new DhcpMetrics(registry, "dhcp6"));
            Dhcp6Service.Dhcp4o6 dhcp4o6 = new Dhcp6Service.Dhcp4o6(service, policySource, config.v4().dhcp4o6());
            Optional<Dhcp6Edge> edge6 = config.v6().map(v6 -> startV6(running, v6, db, partitions, metrics6.orElseThrow(), clock, dhcp4o6,
                    admission));

            ReadinessProbe readiness = new ReadinessProbe(system, db, entityTypes(config).stream().map(EntityTypeKey::name).toList(), registry);
            Departure departure = Departure.register(system, readiness, config.cluster().drainDelay(), () -> {
                edge.close();
                edge6.ifPresent(Dhcp6Edge::close);
            });
            ManagementServer management = ManagementServer.start(system, config.management().hosts(), config.management().port(),
                    managementToken(config.management()), readiness::notReadyBecause, registry,
                    ManagementApi.routes(new LeaseApi(readModel, clock), new ClusterStatus(system, entityTypes(config)), departure,
                            system.dispatchers().lookup(DispatcherSelector.blocking()), config.cluster().drainDelay().plus(LEAVE_HAND_OFF)));
            NodeRuntime node = new NodeRuntime(system, edge, edge6, management, embedded, registry, metrics, metrics6, readiness,
                    readModel);
            node.stopManagementLast();
            readiness.started();
            log.info("event=node_ready subnets={} service_address={}", policy.subnets().size(),
                    policy.serviceAddress().getHostAddress());
            return node;
        } catch (RuntimeException e) {
            if (system != null) {
                system.terminate();
            }
            if (readModel != null) {
                readModel.close();
            }
            embedded.ifPresent(EmbeddedDatabase::close);
            throw e;
        }
    }

    /**
     * DHCPv6: slices and IA leases in the shards, the cluster's DUID from the database, then the
     * sockets. DHCPV4-QUERY (RFC 7341) is answered through the node's DHCPv4 service.
     */
    private static Dhcp6Edge startV6(ActorSystem<?> system, NodeConfig.V6 v6, DatabaseSettings db, PartitionDirectory partitions,
                                     DhcpMetrics metrics, Clock clock, Dhcp6Service.Dhcp4o6 dhcp4o6, Admission admission) {
        Policy6 policy = v6.policy();
        Supplier<Policy6> policySource = () -> policy;
        Duid server = Duid.of(db.serverDuid());
        log.info("event=dhcpv6_identity server_duid={}", server.toHex());
        Dhcp6Service service = new Dhcp6Service(system, new Leases6(partitions, system.scheduler()), policySource, server, metrics,
                v6.port(), v6.preference(), Optional.of(dhcp4o6), admission, clock);
        return Dhcp6Edge.start(v6, service);
    }

    private static List<EntityTypeKey<?>> entityTypes(NodeConfig config) {
        List<EntityTypeKey<?>> types = new ArrayList<>(List.of(PartitionEntity.TYPE_KEY, TransactionEntity.TYPE_KEY));
        return types;
    }

    /**
     * The configured token file, or without one a fresh token in var/management-token: the API
     * is never open, and the demo node still needs no setup (its log names the file).
     */
    private static BearerToken managementToken(NodeConfig.Management management) {
        return management.tokenFile().map(BearerToken::fromFile)
                .orElseGet(() -> BearerToken.generate(NodeConfig.Management.GENERATED_TOKEN_FILE));
    }

    /**
     * Seed nodes are joined by Pekko itself (configured); a bootstrap finds the others through
     * the Kubernetes API and Pekko Management; with neither, the node forms a cluster alone.
     */
    private static void joinCluster(ActorSystem<?> system, NodeConfig.Cluster settings) {
        Cluster cluster = Cluster.get(system);
        logTransport(settings);
        if (settings.bootstrap().isPresent()) {
            PekkoManagement.get(Adapter.toClassic(system)).start();
            ClusterBootstrap.get(Adapter.toClassic(system)).start();
            log.info("event=cluster_bootstrap selector=\"{}\" required_contact_points={}", settings.bootstrap().get().podLabelSelector(),
                    settings.bootstrap().get().requiredContactPoints());
            // Forming a new cluster waits for the contact points to agree (stable margin) first.
            awaitMemberUp(system, MEMBER_UP_TIMEOUT.multipliedBy(2));
            return;
        }
        if (settings.seedNodes().isEmpty()) {
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
        }
        awaitMemberUp(system, MEMBER_UP_TIMEOUT);
    }

    /** Says once whether peers are authenticated; plaintext beyond loopback is worth a warning. */
    private static void logTransport(NodeConfig.Cluster settings) {
        if (settings.tls().isPresent()) {
            NodeConfig.ClusterTls tls = settings.tls().get();
            log.info("event=cluster_transport tls=mutual cert={} ca={} reload_interval={}", tls.certFile(), tls.caCertFile(),
                    tls.reloadInterval());
        } else if (settings.host().equals("127.0.0.1") || settings.host().equals("::1") || settings.host().equals("localhost")) {
            log.info("event=cluster_transport tls=off host={}", settings.host());
        } else {
            log.warn("event=cluster_transport tls=off host={} note=\"any process that reaches this port can join the cluster:"
                    + " configure dhcp.cluster.tls\"", settings.host());
        }
    }

    private static void awaitMemberUp(ActorSystem<?> system, Duration timeout) {
        Cluster cluster = Cluster.get(system);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (cluster.selfMember().status() != MemberStatus.up()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("this node did not become an Up cluster member within " + timeout
                        + " (seed nodes or contact points unreachable?)");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while joining the cluster");
            }
        }
        log.info("event=cluster_member_up address={}", cluster.selfMember().address());
    }

    /** The management HTTP server goes last: /leave answers once the node has left the cluster. */
    private void stopManagementLast() {
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseActorSystemTerminate(), "management-http", () -> {
            return management.stop().thenApply(stopped -> Done.getInstance());
        });
    }

    public ManagementServer management() {
        return management;
    }

    public Dhcp4Edge edge() {
        return edge;
    }

    public Optional<Dhcp6Edge> edge6() {
        return edge6;
    }

    public DhcpMetrics metrics() {
        return metrics;
    }

    public Optional<DhcpMetrics> metrics6() {
        return metrics6;
    }

    public ActorSystem<Void> system() {
        return system;
    }

    public boolean isReady() {
        return readiness.isReady();
    }

    /** Runs coordinated shutdown (leave the cluster, hand off shards) and waits for it, then stops the database. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        readiness.draining();
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("event=shutdown_slow error={}", e.toString());
        }
        readiness.close();
        readModel.close();
        registry.close();
        embedded.ifPresent(EmbeddedDatabase::close);
    }
}
