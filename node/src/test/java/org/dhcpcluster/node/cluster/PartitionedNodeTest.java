package org.dhcpcluster.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dhcpcluster.node.support.ClusterUnderLoad;
import org.dhcpcluster.node.support.LeaseApiPages;
import org.dhcpcluster.node.support.LeaseRecords4;
import org.dhcpcluster.node.support.LoadLog4;
import org.dhcpcluster.node.support.NetnsClusterScript;
import org.dhcpcluster.node.support.RelayedLoadProcess;
import org.dhcpcluster.node.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes on one LAN (deploy/cluster/netns-cluster.sh) serve relayed clients, every message
 * relayed to all three as dhcrelay does with several servers. Node 3, holding shards, loses its
 * link, and with it the other nodes and the database. The split-brain resolver (keep-majority)
 * must make it stop serving, in fact exit, while nodes 1 and 2 take over its shards and keep
 * granting leases. Then the link comes back, node 3 is started again as an orchestrator would,
 * rejoins and answers clients. Across the whole run no address may be bound to two clients and
 * no ACKed lease may be missing, by the server's own records.
 */
class PartitionedNodeTest {
    private static final String NODE3 = "192.0.2.13";
    private static final Pattern NODE3_LEASE_SHARDS = Pattern.compile(
            "\"address\":\"pekko://dhcp@192\\.0\\.2\\.13:25520\",\"status\":\"Up\".*?\"Partition\":\\{\"shards\":(\\d+)");

    @TempDir
    Path work;

    @Test
    void aCutOffNodeStopsServingTheMajorityGoesOnAndTheNodeRejoinsAfterTheHeal() {
        try (ClusterUnderLoad run = ClusterUnderLoad.start(work, 2.5, 10, 10_000, 30)) {
            NetnsClusterScript cluster = run.cluster();
            RelayedLoadProcess load = run.load();
            Poll.until(Duration.ofSeconds(60), () -> node3LeaseShards(cluster) > 0,
                    () -> "node 3 holds no partition shards: " + cluster.get(1, "/api/cluster").orElse("?"));
            int shards = node3LeaseShards(cluster);
            long started = load.soFar().acks().get(0).at();

            long cut = System.currentTimeMillis();
            cluster.must(30, "cut", "3");
            // /ready answers 503 (or nothing) once the node is no longer a serving member
            long notReady = untilMillis(cut, () -> cluster.get(3, "/ready").isEmpty());
            long exited = untilMillis(cut, () -> cluster.pid(3).isEmpty());
            assertTrue(exited >= 0, "node 3 was downed by the split-brain resolver and exited within 60 s of the cut (not ready after "
                    + notReady + " ms)\n" + cluster.nodeLogTail(3));
            // the majority's turn: 30 s of load after the cut
            sleepUntil(cut + 30_000);
            long heal = System.currentTimeMillis();
            cluster.must(30, "heal", "3");
            cluster.must(240, "start", "3");
            long rejoined = System.currentTimeMillis();
            Poll.until(Duration.ofSeconds(60), () -> load.soFar().answeredBy(NODE3, rejoined) >= 5,
                    () -> "node 3 answered no client after rejoining\n" + cluster.nodeLogTail(3));
            String members = cluster.get(3, "/api/cluster").orElse("");
            LoadLog4 log = load.stop();
            long end = System.currentTimeMillis();
            LeaseRecords4 records = LeaseRecords4.parse(LeaseApiPages.all(p -> cluster.get(1, p), "/api/v4/leases").orElseThrow());

            System.out.printf("partition of node 3 (%d partition shards) under relayed load: not ready %.1f s and exited %.1f s "
                            + "after the cut; leases/s before the cut %.1f, during it %.1f (nodes 1-2), after node 3 rejoined %.1f; "
                            + "longest time without any ACK after the cut %.1f s; node 3 answered %d exchanges after rejoining; "
                            + "%d exchanges failed after retransmissions (ended, relative to the cut: %s); "
                            + "transactions answered more often than sent %s; %s; %d addresses bound in the records%n",
                    shards, notReady / 1000.0, exited / 1000.0, log.leaseRate(started, cut), log.leaseRate(cut, heal),
                    log.leaseRate(rejoined, end), log.longestSilence(cut, heal) / 1000.0, log.answeredBy(NODE3, rejoined),
                    log.failures().size(), log.describeFailures(cut), log.duplicateAnswers(cut), log.done(), records.bound());

            assertTrue(log.newLeases(cut, heal) > 0, "nodes 1 and 2 granted leases while node 3 was cut off");
            assertEquals(3, members.split("\"status\":\"Up\"", -1).length - 1, "three Up members after the rejoin: " + members);
            assertEquals(List.of(), records.problemsWith(log), "ACKed leases against the server's records");
            assertEquals("[]", LeaseApiPages.overlaps(p -> cluster.get(1, p), "v4"), "addresses bound to two clients at once, by the lease history");
        }
    }

    private static int node3LeaseShards(NetnsClusterScript cluster) {
        Optional<String> view = cluster.get(1, "/api/cluster");
        Matcher m = NODE3_LEASE_SHARDS.matcher(view.orElse(""));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Milliseconds from {@code since} until {@code condition} holds (polled for up to 60 s), or -1. */
    private static long untilMillis(long since, java.util.function.BooleanSupplier condition) {
        return Poll.quietly(Duration.ofSeconds(60), condition) ? System.currentTimeMillis() - since : -1;
    }

    private static void sleepUntil(long epochMillis) {
        long left = epochMillis - System.currentTimeMillis();
        if (left > 0) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
