package org.dhcpcluster.lease.transaction;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.dhcpcluster.lease.concurrent.Stages;

/** Whether this node is the first to report a stateless transaction ({@link TransactionEntity}); what the edges ask. */
public final class FirstReports {
    static final Duration ASK_TIMEOUT = Duration.ofSeconds(1);

    private final ClusterSharding sharding;

    public FirstReports(ActorSystem<?> system) {
        this.sharding = ClusterSharding.get(system);
    }

    /**
     * True when this node should answer. If the entity cannot be reached in time the answer is
     * true too: at least one answer matters more than at most one.
     */
    public CompletionStage<Boolean> first(byte[] client, int xid, int type, int elapsed, long receivedAt) {
        return Stages.plain(sharding.entityRefFor(TransactionEntity.TYPE_KEY, TransactionEntity.entityId(client))
                        .<Boolean>ask(replyTo -> new TransactionEntity.Seen(client, xid, type, elapsed, receivedAt, replyTo), ASK_TIMEOUT))
                .handle((first, failure) -> failure != null || first);
    }
}
