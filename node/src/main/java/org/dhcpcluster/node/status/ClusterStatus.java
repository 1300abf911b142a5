package org.dhcpcluster.node.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.dhcpcluster.lease.concurrent.Stages;

/**
 * What an operator asks of a cluster (GET /api/cluster): which nodes are members and in which
 * state, which are unreachable, and per node how many shards and live entities of each kind it
 * holds, so a drain or a failover can be watched as shards move.
 */
public final class ClusterStatus {
    private static final Duration ASK = Duration.ofSeconds(5);

    private final ActorSystem<?> system;
    private final List<EntityTypeKey<?>> entityTypes;

    public ClusterStatus(ActorSystem<?> system, List<EntityTypeKey<?>> entityTypes) {
        this.system = system;
        this.entityTypes = List.copyOf(entityTypes);
    }

    /** The cluster as this node sees it, as maps and lists for the API's JSON. */
    public CompletionStage<Map<String, Object>> snapshot() {
        Cluster cluster = Cluster.get(system);
        List<CompletableFuture<ShardRegion.ClusterShardingStats>> stats = new ArrayList<>();
        for (EntityTypeKey<?> key : entityTypes) {
            stats.add(Stages.plain(AskPattern.<org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery, ShardRegion.ClusterShardingStats>ask(
                    ClusterSharding.get(system).shardState(), replyTo -> new GetClusterShardingStats(key, ASK, replyTo), ASK.plusSeconds(1),
                    system.scheduler())).toCompletableFuture());
        }
        return CompletableFuture.allOf(stats.toArray(CompletableFuture[]::new)).thenApply(done -> {
            // address -> entity type -> [shards, entities]
            Map<String, Map<String, int[]>> byNode = new TreeMap<>();
            for (int i = 0; i < entityTypes.size(); i++) {
                for (Map.Entry<Address, ShardRegion.ShardRegionStats> region : stats.get(i).join().getRegions().entrySet()) {
                    int entities = region.getValue().getStats().values().stream().mapToInt(v -> ((Number) v).intValue()).sum();
                    byNode.computeIfAbsent(region.getKey().toString(), a -> new TreeMap<>())
                            .put(entityTypes.get(i).name(), new int[] {region.getValue().getStats().size(), entities});
                }
            }
            List<Map<String, Object>> members = new ArrayList<>();
            for (Member m : cluster.state().getMembers()) {
                Map<String, Object> shards = new TreeMap<>();
                byNode.getOrDefault(m.address().toString(), Map.of()).forEach((type, counts) -> {
                    Map<String, Object> held = new LinkedHashMap<>();
                    held.put("shards", counts[0]);
                    held.put("entities", counts[1]);
                    shards.put(type, held);
                });
                Map<String, Object> member = new LinkedHashMap<>();
                member.put("address", m.address().toString());
                member.put("status", m.status().toString());
                member.put("reachable", !cluster.state().getUnreachable().contains(m));
                member.put("app_version", m.appVersion().toString());
                member.put("shards", shards);
                members.add(member);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("self", cluster.selfMember().address().toString());
            body.put("leader", String.valueOf(cluster.state().getLeader()));
            body.put("members", members);
            return body;
        });
    }
}
