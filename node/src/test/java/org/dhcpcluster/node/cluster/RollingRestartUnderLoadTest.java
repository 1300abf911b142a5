package org.dhcpcluster.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dhcpcluster.node.support.ClusterUnderLoad;
import org.dhcpcluster.node.support.LeaseApiPages;
import org.dhcpcluster.node.support.LeaseRecords4;
import org.dhcpcluster.node.support.LoadLog4;
import org.dhcpcluster.node.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling restart of a three-node cluster on one LAN (deploy/cluster/netns-cluster.sh) under
 * a steady relayed load of new clients (DORA) and renewals, every message relayed to all three
 * nodes as dhcrelay does with several servers: each node in turn gets SIGTERM, exits, is started
 * again and becomes ready before the next one goes. No client exchange may fail once RFC 2131's
 * retransmissions (4, 8, 16 s) are spent, every ACKed lease must be in the server's records, and
 * no address may be held by two clients.
 */
class RollingRestartUnderLoadTest {
    @TempDir
    Path work;

    @Test
    void restartingEachNodeInTurnFailsNoExchangeAndLosesNoLease() {
        try (ClusterUnderLoad run = ClusterUnderLoad.start(work, 2.5, 10, 20_000, 25)) {
            // phases: all up, node 1 restarting, node 2 restarting, node 3 restarting, after the restarts
            List<Long> marks = new ArrayList<>(List.of(run.load().soFar().acks().get(0).at()));
            List<String> phases = new ArrayList<>(List.of("all three up"));
            for (int i = 1; i <= 3; i++) {
                long stopping = System.currentTimeMillis();
                run.cluster().must(120, "stop", Integer.toString(i));
                long stopped = System.currentTimeMillis();
                run.cluster().must(240, "start", Integer.toString(i));
                marks.add(stopping);
                phases.add(String.format(Locale.ROOT, "node %d restarting (exit %.1f s, ready %.1f s later)", i,
                        (stopped - stopping) / 1000.0, (System.currentTimeMillis() - stopped) / 1000.0));
            }
            marks.add(System.currentTimeMillis());
            phases.add("all three up again");
            Poll.quietly(Duration.ofSeconds(10), () -> false); // keep the load on a little after the last restart
            LoadLog4 log = run.load().stop();
            marks.add(System.currentTimeMillis());
            LeaseRecords4 records = LeaseRecords4.parse(LeaseApiPages.all(p -> run.cluster().get(2, p), "/api/v4/leases").orElseThrow());

            StringBuilder perPhase = new StringBuilder();
            for (int p = 0; p < phases.size(); p++) {
                perPhase.append(String.format(Locale.ROOT, "%n  %-58s %5.1f s  %4.1f leases/s", phases.get(p),
                        (marks.get(p + 1) - marks.get(p)) / 1000.0, log.leaseRate(marks.get(p), marks.get(p + 1))));
            }
            System.out.printf("rolling restart of 3 nodes under relayed load: %s; longest exchange %d ms; "
                            + "failed exchanges %s; transactions answered more often than sent %s; %d addresses bound in the records%s%n",
                    log.done(), log.longestExchangeMillis(), log.describeFailures(marks.get(0)), log.duplicateAnswers(marks.get(0)),
                    records.bound(), perPhase);

            assertEquals(0, log.failures().size(), "exchanges failed or NAKed after retransmissions: "
                    + log.describeFailures(marks.get(0)));
            assertTrue(log.acks().size() > 0, "clients were served");
            // The relay sends every message to all three nodes: one answer each, even while partitions move.
            assertEquals(0, log.duplicateCount(), "transactions answered more often than sent: " + log.duplicateAnswers(marks.get(0)));
            assertEquals(List.of(), records.problemsWith(log), "ACKed leases against the server's records");
            assertEquals("[]", LeaseApiPages.overlaps(p -> run.cluster().get(2, p), "v4"), "addresses bound to two clients at once, by the lease history");
        }
    }
}
