package org.dhcpcluster.node.lifecycle;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ClusterSharding;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.pattern.Patterns;
import org.dhcpcluster.lease.persistence.DatabaseSettings;

/**
 * Whether this node should receive DHCP traffic (GET /ready, a Kubernetes readiness probe):
 * started, not shutting down, an Up member of the cluster, every shard region registered with
 * the shard coordinator, and PostgreSQL answering. A node that fails any of these could only
 * drop or delay what it receives; a load balancer should send it elsewhere.
 *
 * <p>The database and the coordinator are asked in the background every {@link #INTERVAL}, so a
 * probe never waits on them; the answer is at most that old. The same answers are gauges for
 * Prometheus: {@code dhcp_node_ready} and {@code dhcp_database_up} (1 or 0), so an alert can
 * tell a node whose database is gone from one that is merely starting.
 */
public final class ReadinessProbe implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration ASK = Duration.ofSeconds(2);
    private static final int VALID_SECONDS = 2;

    private final ActorSystem<?> system;
    private final DatabaseSettings database;
    private final List<String> shardedTypes;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicReference<Optional<String>> background = new AtomicReference<>(Optional.of("not checked yet"));
    private final AtomicBoolean databaseUp = new AtomicBoolean();
    private final ScheduledExecutorService checker;
    private Connection connection;

    public ReadinessProbe(ActorSystem<?> system, DatabaseSettings database, List<String> shardedTypes, MeterRegistry metrics) {
        this.system = system;
        this.database = database;
        this.shardedTypes = List.copyOf(shardedTypes);
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "readiness-probe");
            t.setDaemon(true);
            return t;
        });
        Gauge.builder("dhcp_node_ready", this, p -> p.isReady() ? 1 : 0)
                .description("1 while /ready answers 200: the node serves DHCP").register(metrics);
        Gauge.builder("dhcp_database_up", databaseUp, up -> up.get() ? 1 : 0)
                .description("1 while the last check (every second) reached PostgreSQL").register(metrics);
    }

    /** Called once every part of the node runs; checks begin. */
    public void started() {
        checkNow();
        started.set(true);
        checker.scheduleWithFixedDelay(this::checkNow, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Shutting down: report not ready from now on, whatever the checks say. */
    public void draining() {
        draining.set(true);
    }

    /** Empty when ready; otherwise what is missing, for the probe's response body. */
    public Optional<String> notReadyBecause() {
        if (draining.get()) {
            return Optional.of("shutting down");
        }
        if (!started.get()) {
            return Optional.of("starting");
        }
        MemberStatus status = Cluster.get(system).selfMember().status();
        if (status != MemberStatus.up()) {
            return Optional.of("cluster member status is " + status);
        }
        return background.get();
    }

    public boolean isReady() {
        return notReadyBecause().isEmpty();
    }

    private void checkNow() {
        Optional<String> problem = databaseProblem();
        if (problem.isEmpty()) {
            problem = coordinatorProblem();
        }
        background.set(problem);
    }

    private Optional<String> databaseProblem() {
        try {
            if (connection == null || !connection.isValid(VALID_SECONDS)) {
                closeConnection();
                connection = database.connect();
            }
            databaseUp.set(true);
            return Optional.empty();
        } catch (SQLException e) {
            closeConnection();
            databaseUp.set(false);
            return Optional.of("PostgreSQL unreachable: " + e.getMessage());
        }
    }

    /** The coordinator answers GetCurrentRegions only once it runs; this node's region must be among them. */
    private Optional<String> coordinatorProblem() {
        org.apache.pekko.actor.ActorSystem classic = Adapter.toClassic(system);
        for (String type : shardedTypes) {
            try {
                ActorRef region = ClusterSharding.get(classic).shardRegion(type);
                Object answer = Patterns.ask(region, ShardRegion.getCurrentRegionsInstance(), ASK)
                        .toCompletableFuture().get(ASK.toMillis() + 500, TimeUnit.MILLISECONDS);
                if (!(answer instanceof ShardRegion.CurrentRegions regions)
                        || !regions.getRegions().contains(Cluster.get(system).selfMember().address())) {
                    return Optional.of("shard region " + type + " not registered with the coordinator yet");
                }
            } catch (Exception e) {
                return Optional.of("shard coordinator for " + type + " not answering: " + e.getClass().getSimpleName());
            }
        }
        return Optional.empty();
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is being replaced; nothing to keep from it
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
        try {
            checker.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}
