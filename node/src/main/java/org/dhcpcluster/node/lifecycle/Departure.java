package org.dhcpcluster.node.lifecycle;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a node leaves, in coordinated shutdown's order, whether started by SIGTERM or by
 * {@code POST /leave} (a Kubernetes preStop hook running {@code dhcp-node leave}):
 * <ol>
 *   <li>report not ready, so load balancers and Services stop sending to this node;</li>
 *   <li>keep answering DHCP for the drain delay, while they catch up;</li>
 *   <li>close the DHCP sockets;</li>
 *   <li>leave the cluster: Pekko hands this node's shards to the others;</li>
 *   <li>stop the actor system.</li>
 * </ol>
 * Nothing in flight is lost at step 3: an exchange whose reply is not sent is retransmitted by
 * its client to another node, and every acknowledged lease was journaled before its ACK.
 */
public final class Departure {
    private static final Logger log = LoggerFactory.getLogger(Departure.class);

    private final ActorSystem<?> system;
    private final CompletableFuture<Done> left = new CompletableFuture<>();

    private Departure(ActorSystem<?> system) {
        this.system = system;
    }

    /**
     * Registers the steps with coordinated shutdown.
     *
     * @param stopServing closes the DHCP sockets (step 3)
     */
    public static Departure register(ActorSystem<?> system, ReadinessProbe readiness, Duration drainDelay, Runnable stopServing) {
        Departure d = new Departure(system);
        CoordinatedShutdown cs = CoordinatedShutdown.get(system);
        cs.addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "dhcp-drain", () -> {
            readiness.draining();
            // Downed by the split-brain resolver: the others already own this node's shards, so
            // nothing here could answer; stop at once.
            boolean downed = cs.getShutdownReason().filter(r -> r == CoordinatedShutdown.clusterDowningReason()).isPresent();
            long delay = downed ? 0 : drainDelay.toMillis();
            log.info("event=draining delay_ms={}", delay);
            return CompletableFuture.supplyAsync(Done::getInstance, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
        });
        cs.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "dhcp-sockets", () -> {
            stopServing.run();
            return CompletableFuture.completedFuture(Done.getInstance());
        });
        cs.addTask(CoordinatedShutdown.PhaseClusterExitingDone(), "dhcp-left", () -> {
            log.info("event=left_cluster");
            d.left.complete(Done.getInstance());
            return CompletableFuture.completedFuture(Done.getInstance());
        });
        return d;
    }

    /**
     * Starts leaving (if not already) and completes once this node is out of the cluster with its
     * shards handed off: the body of {@code POST /leave}.
     */
    public CompletionStage<Map<String, Object>> leave() {
        String self = Cluster.get(system).selfMember().address().toString();
        log.info("event=leave_requested");
        CoordinatedShutdown.get(system).run(CoordinatedShutdown.clusterLeavingReason());
        return left.thenApply(done -> Map.of("left", self));
    }
}
