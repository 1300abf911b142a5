package org.dhcpcluster.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.dhcpcluster.node.support.ClusterUnderLoad;
import org.dhcpcluster.node.support.DelayingTcpProxy;
import org.dhcpcluster.node.support.LeaseApiPages;
import org.dhcpcluster.node.support.LeaseRecords4;
import org.dhcpcluster.node.support.LoadLog4;
import org.dhcpcluster.node.support.NetnsClusterScript;
import org.dhcpcluster.node.support.RelayedLoadProcess;
import org.dhcpcluster.node.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The database's bad days, on a three-node cluster (deploy/cluster/netns-cluster.sh) whose
 * PostgreSQL runs in its own namespace behind a relay that can delay its answers
 * ({@link DelayingTcpProxy}), under a steady relayed load of new clients and renewals, every
 * message relayed to all three nodes:
 * <ul>
 *   <li>PostgreSQL answering 200 ms late: clients keep being served within their
 *       retransmissions;</li>
 *   <li>PostgreSQL restarted: the nodes' connection pools (journal and read model) reconnect by
 *       themselves;</li>
 *   <li>PostgreSQL stopped for 30 s: nothing is ACKed that could not be written, every node's
 *       {@code /ready} says so, and service resumes by itself when the database returns.</li>
 * </ul>
 * Every ACK of the run must be in the server's records afterwards, the lease history must show
 * no address bound twice, and all three nodes must still be members.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFaultsTest {
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    private ClusterUnderLoad run;

    @BeforeAll
    void startClusterUnderLoad() throws IOException {
        // Kept after the run (node and database logs under cluster/), for a failure's post-mortem.
        Path work = Path.of("target", "database-faults").toAbsolutePath();
        if (Files.exists(work)) {
            try (var old = Files.walk(work)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(work);
        String proxy = String.join(" ", NetnsClusterScript.javaCommand("64m", DelayingTcpProxy.class.getName()));
        // 10 new clients a second cycling through 400 hardware addresses, every bound client
        // renewing every 20 s: about 30 journal writes a second, across the pools' partitions.
        run = ClusterUnderLoad.start(work, Map.of("PG_PROXY_CMD", proxy), 50,
                cluster -> RelayedLoadProcess.startCycling(cluster, ClusterUnderLoad.NODES, work, 10, 20, 400, 50_000));
    }

    @AfterAll
    void stopCluster() {
        if (run != null) {
            run.close();
        }
    }

    /**
     * Serving on: every node stays ready and clients keep getting leases. Not asserted, printed:
     * how many exchanges still failed after every retransmission (the target is none; see the
     * README's "Database faults" for what it is today and why).
     */
    @Test
    @Order(1)
    void withPostgresAnswering200MillisecondsLateNodesStayReadyAndKeepServing() throws IOException {
        long from = System.currentTimeMillis();
        setDelayMillis(200);
        List<Optional<String>> notReady = new ArrayList<>();
        while (System.currentTimeMillis() < from + 30_000) {
            for (int i = 1; i <= ClusterUnderLoad.NODES; i++) {
                notReady.add(notReadyBecause(i));
            }
            Poll.quietly(Duration.ofSeconds(1), () -> false);
        }
        setDelayMillis(0);
        long to = System.currentTimeMillis();
        // exchanges started in the slow window have up to 28 s of retransmissions to finish
        Poll.quietly(Duration.ofSeconds(30), () -> false);
        LoadLog4 log = run.load().soFar();
        List<LoadLog4.Ack> slow = log.acks().stream().filter(a -> a.at() - a.millis() >= from && a.at() - a.millis() < to).toList();
        long p99 = percentile(slow.stream().mapToLong(LoadLog4.Ack::millis).sorted().toArray(), 0.99);
        System.out.printf(Locale.ROOT, "PostgreSQL 200 ms late for 30 s: %d exchanges ACKed, p99 %d ms, %d failed%n",
                slow.size(), p99, log.failuresStartedFrom(from).stream().filter(f -> f.startedAt() < to).count());
        assertTrue(slow.size() > 100, "the load ran through the slow window: " + slow.size() + " ACKs");
        assertTrue(notReady.stream().allMatch(Optional::isEmpty), "a slow database is still a database: every node stays ready "
                + notReady);
    }

    @Test
    @Order(2)
    void afterAPostgresRestartThePoolsReconnectAndServiceResumes() {
        run.cluster().must(120, "db-stop");
        run.cluster().must(180, "db-start");
        long back = postgresAcceptingSince();
        Poll.until(Duration.ofSeconds(60), () -> firstAckStartedFrom(run.load().soFar(), back).isPresent(),
                () -> "no new exchange ACKed after PostgreSQL restarted\n" + run.cluster().nodeLogTail(1));
        Poll.until(Duration.ofSeconds(60), this::allReady, () -> "not every node is ready again: " + readiness());
        long served = firstAckStartedFrom(run.load().soFar(), back).orElseThrow() - back;
        System.out.printf(Locale.ROOT, "PostgreSQL restarted: first exchange started after its return ACKed %.1f s after it%n",
                served / 1000.0);
        // The read model's pool: the lease API answers, and the projection moves on (under load it
        // trails the journal by a moment, so "caught up" is not the question here).
        assertTrue(run.cluster().get(1, "/api/v4/leases?limit=1").isPresent(), "the lease API answers again");
        long projected = projectedOffset();
        Poll.until(Duration.ofSeconds(30), () -> projectedOffset() > projected, () -> "the projection stopped at " + projected);
    }

    @Test
    @Order(3)
    void whilePostgresIsStoppedNothingIsAcknowledgedAndNodesAreNotReadyThenServiceResumesByItself() {
        run.cluster().must(120, "db-stop");
        long stopped = System.currentTimeMillis();
        long allNotReadyAt = 0;
        String metricsDuringOutage = "";
        List<String> readyDuringOutage = new ArrayList<>();
        while (System.currentTimeMillis() < stopped + OUTAGE.toMillis()) {
            List<Optional<String>> states = readiness();
            if (allNotReadyAt == 0 && states.stream().allMatch(Optional::isPresent)) {
                allNotReadyAt = System.currentTimeMillis();
                metricsDuringOutage = run.cluster().get(1, "/metrics").orElse("");
            } else if (allNotReadyAt != 0 && states.stream().anyMatch(Optional::isEmpty)) {
                readyDuringOutage.add(String.format(Locale.ROOT, "+%.1fs %s", (System.currentTimeMillis() - stopped) / 1000.0, states));
            }
            Poll.quietly(Duration.ofMillis(500), () -> false);
        }
        String reason = readiness().get(0).orElse("(ready)");
        long restarting = System.currentTimeMillis();
        run.cluster().must(180, "db-start");
        long back = postgresAcceptingSince();
        Poll.until(Duration.ofSeconds(60), () -> firstAckStartedFrom(run.load().soFar(), back).isPresent(),
                () -> "no exchange ACKed after PostgreSQL returned\n" + run.cluster().nodeLogTail(1));
        long firstAck = run.load().soFar().acks().stream().mapToLong(LoadLog4.Ack::at).filter(at -> at >= back).min().orElseThrow();
        long firstNew = firstAckStartedFrom(run.load().soFar(), back).orElseThrow();
        Poll.until(Duration.ofSeconds(60), this::allReady, () -> "not every node is ready again: " + readiness());
        long readyAgain = System.currentTimeMillis();
        Poll.quietly(Duration.ofSeconds(30), () -> false); // exchanges begun in the outage finish or fail
        LoadLog4 log = run.load().stop();

        // ACKed while the database was down (stopped, not yet being started again), for an
        // exchange begun after it stopped: an answer that no journal write can be behind.
        List<LoadLog4.Ack> undurable = log.acks().stream()
                .filter(a -> a.at() - a.millis() > stopped && a.at() < restarting).toList();
        System.out.printf(Locale.ROOT, "PostgreSQL stopped %d s: all nodes not ready %.1f s after the stop (\"%s\"); "
                        + "after its return: first ACK %.1f s, first ACK of an exchange begun after it %.1f s, all ready %.1f s; "
                        + "ACKs without the database %d; failed during the outage %d%n",
                OUTAGE.toSeconds(), (allNotReadyAt - stopped) / 1000.0, reason, (firstAck - back) / 1000.0, (firstNew - back) / 1000.0,
                (readyAgain - back) / 1000.0, undurable.size(), log.failuresStartedFrom(stopped).size());
        assertEquals(List.of(), undurable.stream().limit(5).toList(), undurable.size()
                + " ACKs sent while PostgreSQL was down for exchanges begun after it stopped (the first 5)");
        assertTrue(allNotReadyAt > 0, "every node reports not ready while its database is down");
        // Issue 12's bound for an integration run (3 nodes, database and load on one machine);
        // measured 0.1 s: what remains is the circuit breaker's 2 s probe at worst.
        assertTrue(firstNew - back <= 5_000, "service back " + (firstNew - back) + " ms after PostgreSQL accepted connections");
        assertEquals(List.of(), readyDuringOutage, "a node reported ready while the database was down");
        assertTrue(reason.contains("PostgreSQL"), "/ready names the database: " + reason);
        assertTrue(metricsDuringOutage.contains("dhcp_database_up 0.0") && metricsDuringOutage.contains("dhcp_node_ready 0.0"),
                "the metrics say so too");

        LeaseRecords4 records = LeaseRecords4.parse(LeaseApiPages.all(p -> run.cluster().get(2, p), "/api/v4/leases").orElseThrow());
        assertEquals(List.of(), records.problemsWith(log), "every ACK of the whole run is in the server's records");
        assertEquals("[]", LeaseApiPages.overlaps(p -> run.cluster().get(2, p), "v4"), "addresses bound to two clients at once");
        String members = run.cluster().get(1, "/api/cluster").orElseThrow();
        assertEquals(ClusterUnderLoad.NODES, members.split("\"status\":\"Up\"", -1).length - 1,
                "no node was downed over a database fault: " + members);
    }

    /**
     * When PostgreSQL last began accepting connections, as its ready line in netns-cluster.sh's
     * database log says.
     */
    private long postgresAcceptingSince() {
        try {
            String log = Files.readString(run.cluster().state().resolve("postgres").resolve("postgres.log"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("accepting_since=(\\S+)").matcher(log);
            String last = null;
            while (m.find()) {
                last = m.group(1);
            }
            return Instant.parse(String.valueOf(last)).toEpochMilli();
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("no start of PostgreSQL in its log: " + e);
        }
    }

    /** The sum of the projection's offsets over its tags, as node 1 reports them. */
    private long projectedOffset() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"offset\":(\\d+)")
                .matcher(run.cluster().get(1, "/api/projection").orElse(""));
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    private void setDelayMillis(long millis) throws IOException {
        Files.writeString(run.cluster().state().resolve("postgres").resolve("delay-ms"), Long.toString(millis));
    }

    /** Empty when node {@code i} answers /ready with 200; otherwise why not (its body, or that it did not answer). */
    private Optional<String> notReadyBecause(int i) {
        NetnsClusterScript.Result r = run.cluster().run(20, "exec", Integer.toString(i), "curl", "-s", "--max-time", "5",
                "-w", " %{http_code}", "http://127.0.0.1:8067/ready");
        String out = r.stdout().strip();
        return out.endsWith(" 200") ? Optional.empty() : Optional.of(out.isEmpty() ? "no answer" : out);
    }

    private List<Optional<String>> readiness() {
        List<Optional<String>> states = new ArrayList<>();
        for (int i = 1; i <= ClusterUnderLoad.NODES; i++) {
            states.add(notReadyBecause(i));
        }
        return states;
    }

    private boolean allReady() {
        return readiness().stream().allMatch(Optional::isEmpty);
    }

    /** When the first ACK arrived for an exchange begun at or after {@code from}. */
    private static OptionalLong firstAckStartedFrom(LoadLog4 log, long from) {
        return log.acks().stream().filter(a -> a.at() - a.millis() >= from).mapToLong(LoadLog4.Ack::at).min();
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
