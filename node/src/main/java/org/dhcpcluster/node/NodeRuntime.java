package org.dhcpcluster.node;

import com.typesafe.config.Config;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.persistence.LeaseJournal4;
import org.dhcpcluster.lease.persistence.LeaseJournal6;
import org.dhcpcluster.lease.v4.block.AddressBlock4;
import org.dhcpcluster.lease.v4.lease.Lease4Entity;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v6.lease.Lease6Entity;
import org.dhcpcluster.lease.v6.policy.Policy6;
import org.dhcpcluster.lease.v6.slice.Slice6;
import org.dhcpcluster.node.config.NodeConfig;
import org.dhcpcluster.node.database.EmbeddedDatabase;
import org.dhcpcluster.node.edge.v4.Dhcp4Edge;
import org.dhcpcluster.node.edge.v4.Dhcp4Service;
import org.dhcpcluster.node.edge.v6.Dhcp6Edge;
import org.dhcpcluster.node.edge.v6.Dhcp6Service;
import org.dhcpcluster.node.http.ManagementServer;
import org.dhcpcluster.node.metrics.DhcpMetrics;
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

    private final ActorSystem<Void> system;
    private final Dhcp4Edge edge;
    private final Optional<Dhcp6Edge> edge6;
    private final ManagementServer management;
    private final Optional<EmbeddedDatabase> embedded;
    private final PrometheusMeterRegistry registry;
    private final DhcpMetrics metrics;
    private final Optional<DhcpMetrics> metrics6;
    private final AtomicBoolean ready;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NodeRuntime(ActorSystem<Void> system, Dhcp4Edge edge, Optional<Dhcp6Edge> edge6, ManagementServer management, Optional<EmbeddedDatabase> embedded,
                        PrometheusMeterRegistry registry, DhcpMetrics metrics, Optional<DhcpMetrics> metrics6, AtomicBoolean ready) {
        this.system = system;
        this.edge = edge;
        this.edge6 = edge6;
        this.management = management;
        this.embedded = embedded;
        this.registry = registry;
        this.metrics = metrics;
        this.metrics6 = metrics6;
        this.ready = ready;
    }

    public static NodeRuntime start(NodeConfig config, Config operatorFile) {
        Optional<EmbeddedDatabase> embedded = config.embeddedDatabase().map(e -> EmbeddedDatabase.start(e, config.databasePoolSize()));
        DatabaseSettings db = embedded.map(EmbeddedDatabase::settings).orElseGet(() -> config.externalDatabase().orElseThrow());
        ActorSystem<Void> system = null;
        try {
            db.verifyAndPrepare();
            log.info("event=database_ready url={}", db.url());

            system = ActorSystem.create(Behaviors.empty(), PekkoSettings.SYSTEM_NAME, PekkoSettings.build(config, operatorFile, db));
            if (config.cluster().seedNodes().isEmpty()) {
                Cluster cluster = Cluster.get(system);
                cluster.manager().tell(Join.create(cluster.selfMember().address()));
            }
            awaitMemberUp(system);

            Clock clock = Clock.systemUTC();
            Policy4 policy = config.v4().policy();
            Supplier<Policy4> policySource = () -> policy;
            AddressBlock4.init(system, policySource, clock);
            Lease4Entity.init(system, policySource, clock);

            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            DhcpMetrics metrics = new DhcpMetrics(registry, "dhcp4");
            Dhcp4Service service = new Dhcp4Service(system, policySource, metrics, config.v4().port(), config.v4().clientPort());
            Dhcp4Edge edge = Dhcp4Edge.start(config.v4(), service);
            ActorSystem<Void> running = system;
            Optional<DhcpMetrics> metrics6 = config.v6().map(v6 -> new DhcpMetrics(registry, "dhcp6"));
            Dhcp6Service.Dhcp4o6 dhcp4o6 = new Dhcp6Service.Dhcp4o6(service, policySource, config.v4().dhcp4o6());
            Optional<Dhcp6Edge> edge6 = config.v6().map(v6 -> startV6(running, v6, db, metrics6.orElseThrow(), clock, dhcp4o6));

            AtomicBoolean ready = new AtomicBoolean(false);
            ManagementServer management = ManagementServer.start(config.management().host(), config.management().port(),
                    ready::get, registry, leaseListings(system), List.of(new ManagementServer.JsonEndpoint("/api/cluster",
                            new ClusterStatus(system, entityTypes(config))::json)), clock);
            NodeRuntime node = new NodeRuntime(system, edge, edge6, management, embedded, registry, metrics, metrics6, ready);
            node.registerShutdownSteps();
            ready.set(true);
            log.info("event=node_ready subnets={} service_address={}", policy.subnets().size(),
                    policy.serviceAddress().getHostAddress());
            return node;
        } catch (RuntimeException | IOException e) {
            if (system != null) {
                system.terminate();
            }
            embedded.ifPresent(EmbeddedDatabase::close);
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * DHCPv6: slices and IA leases in the shards, the cluster's DUID from the database, then the
     * sockets. DHCPV4-QUERY (RFC 7341) is answered through the node's DHCPv4 service.
     */
    private static Dhcp6Edge startV6(ActorSystem<?> system, NodeConfig.V6 v6, DatabaseSettings db, DhcpMetrics metrics, Clock clock,
                                     Dhcp6Service.Dhcp4o6 dhcp4o6) {
        Policy6 policy = v6.policy();
        Supplier<Policy6> policySource = () -> policy;
        Slice6.init(system, policySource, clock);
        Lease6Entity.init(system, policySource, clock);
        Duid server = Duid.of(db.serverDuid());
        log.info("event=dhcpv6_identity server_duid={}", server.toHex());
        Dhcp6Service service = new Dhcp6Service(system, policySource, server, metrics, v6.port(), v6.preference(), Optional.of(dhcp4o6));
        return Dhcp6Edge.start(v6, service);
    }

    private static List<EntityTypeKey<?>> entityTypes(NodeConfig config) {
        List<EntityTypeKey<?>> types = new java.util.ArrayList<>(List.of(AddressBlock4.TYPE_KEY, Lease4Entity.TYPE_KEY));
        if (config.v6().isPresent()) {
            types.addAll(List.of(Slice6.TYPE_KEY, Lease6Entity.TYPE_KEY));
        }
        return types;
    }

    private static List<ManagementServer.LeaseListing> leaseListings(ActorSystem<?> system) {
        LeaseJournal4 v4 = new LeaseJournal4(system);
        LeaseJournal6 v6 = new LeaseJournal6(system);
        return List.of(new ManagementServer.LeaseListing("/api/v4/leases", v4::bindings),
                new ManagementServer.LeaseListing("/api/v6/leases", v6::bindings));
    }

    private static void awaitMemberUp(ActorSystem<?> system) {
        Cluster cluster = Cluster.get(system);
        long deadline = System.nanoTime() + MEMBER_UP_TIMEOUT.toNanos();
        while (cluster.selfMember().status() != MemberStatus.up()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("this node did not become an Up cluster member within " + MEMBER_UP_TIMEOUT
                        + " (seed nodes unreachable?)");
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

    private void registerShutdownSteps() {
        CoordinatedShutdown cs = CoordinatedShutdown.get(system);
        cs.addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "dhcp-not-ready", () -> {
            ready.set(false);
            return CompletableFuture.completedFuture(Done.getInstance());
        });
        cs.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "dhcp-sockets", () -> {
            edge.close();
            edge6.ifPresent(Dhcp6Edge::close);
            return CompletableFuture.completedFuture(Done.getInstance());
        });
        cs.addTask(CoordinatedShutdown.PhaseActorSystemTerminate(), "management-http", () -> {
            management.close();
            return CompletableFuture.completedFuture(Done.getInstance());
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
        return ready.get();
    }

    /** Runs coordinated shutdown (leave the cluster, hand off shards) and waits for it, then stops the database. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ready.set(false);
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("event=shutdown_slow error={}", e.toString());
        }
        registry.close();
        embedded.ifPresent(EmbeddedDatabase::close);
    }
}
