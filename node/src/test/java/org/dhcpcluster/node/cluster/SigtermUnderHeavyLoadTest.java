package org.dhcpcluster.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.dhcpcluster.node.support.ClusterUnderLoad;
import org.dhcpcluster.node.support.LeaseApiPages;
import org.dhcpcluster.node.support.LeaseRecords4;
import org.dhcpcluster.node.support.LoadLog4;
import org.dhcpcluster.node.support.RelayedLoadProcess;
import org.dhcpcluster.node.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to one of three node processes (deploy/cluster/netns-cluster.sh) while relayed clients
 * run DORA at a high rate through the two others, each client behind one of them as behind a
 * load balancer. The stopped node holds shards, which move while the load goes on. No exchange
 * may fail once RFC 2131's retransmissions are spent, no ACKed lease may be missing from the
 * server's records and no address may be bound to two clients.
 */
class SigtermUnderHeavyLoadTest {
    private static final double RATE = 150;
    /** Hardware addresses the clients cycle through: within the two relayed pools of 235. */
    private static final int POPULATION = 400;

    @TempDir
    Path work;

    @Test
    void aNodeStoppedWithSigtermUnderHeavyLoadLosesNoLeaseAndFailsNoExchange() {
        try (ClusterUnderLoad run = ClusterUnderLoad.start(work, 500,
                cluster -> RelayedLoadProcess.startSpread(cluster, List.of(1, 2), work, RATE, POPULATION, 30_000))) {
            // A fresh cluster hit at this rate needs a while to warm up (JIT, first entities):
            // exchanges that started before the first 500 leases were in are reported, not judged.
            long warm = System.currentTimeMillis();
            Poll.quietly(Duration.ofSeconds(5), () -> false); // a steady state before the stop
            long term = System.currentTimeMillis();
            run.cluster().must(120, "stop", "3");
            long exited = System.currentTimeMillis();
            Poll.quietly(Duration.ofSeconds(15), () -> false); // and after it
            LoadLog4 log = run.load().stop();
            long end = System.currentTimeMillis();
            LeaseRecords4 records = LeaseRecords4.parse(LeaseApiPages.all(p -> run.cluster().get(1, p), "/api/v4/leases").orElseThrow());

            List<LoadLog4.Failure> judged = log.failuresStartedFrom(warm);
            System.out.printf("SIGTERM of node 3 under %.0f DORA/s offered through nodes 1 and 2: exited %.1f s after SIGTERM; "
                            + "leases/s warm %.1f, while it stopped %.1f, after %.1f; longest exchange %d ms; "
                            + "failed after warm-up %d, during warm-up %d; transactions answered more often than sent %s; "
                            + "%s; %d addresses bound in the records%n",
                    RATE, (exited - term) / 1000.0, log.leaseRate(warm, term), log.leaseRate(term, exited), log.leaseRate(exited, end),
                    log.longestExchangeMillis(), judged.size(), log.failures().size() - judged.size(), log.duplicateAnswers(term),
                    log.done(), records.bound());

            assertEquals(List.of(), judged, "exchanges started after the warm-up that failed or were NAKed");
            assertTrue(log.newLeases(exited, end) > 0, "leases granted after node 3 left");
            assertEquals(List.of(), records.problemsWith(log), "ACKed leases against the server's records");
            assertEquals("[]", LeaseApiPages.overlaps(p -> run.cluster().get(1, p), "v4"), "addresses bound to two clients at once, by the lease history");
        }
    }
}
