package org.dhcpcluster.node.status;

import java.time.Duration;
import java.util.ArrayList;
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

    public CompletionStage<String> json() {
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
            StringBuilder sb = new StringBuilder("{\"self\":").append(quote(cluster.selfMember().address().toString()))
                    .append(",\"leader\":").append(quote(String.valueOf(cluster.state().getLeader())))
                    .append(",\"members\":[");
            boolean first = true;
            for (Member m : cluster.state().getMembers()) {
                sb.append(first ? "" : ",").append("\n  {\"address\":").append(quote(m.address().toString()))
                        .append(",\"status\":").append(quote(m.status().toString()))
                        .append(",\"reachable\":").append(!cluster.state().getUnreachable().contains(m))
                        .append(",\"app_version\":").append(quote(m.appVersion().toString()))
                        .append(",\"shards\":{");
                boolean firstType = true;
                for (Map.Entry<String, int[]> t : byNode.getOrDefault(m.address().toString(), Map.of()).entrySet()) {
                    sb.append(firstType ? "" : ",").append(quote(t.getKey())).append(":{\"shards\":").append(t.getValue()[0])
                            .append(",\"entities\":").append(t.getValue()[1]).append('}');
                    firstType = false;
                }
                sb.append("}}");
                first = false;
            }
            return sb.append("\n]}\n").toString();
        });
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
