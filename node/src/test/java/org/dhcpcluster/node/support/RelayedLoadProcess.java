package org.dhcpcluster.node.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dhcpcluster.node.testing.NamespacedProcess;

/**
 * {@link RelayedLoad4} running in the relay namespace of a {@link NetnsClusterScript} cluster,
 * relaying from 198.51.100.1 and 203.0.113.1 to every node of the LAN. Stopped gently through its
 * stop file (exchanges in flight finish) or, on close, by PID.
 */
public record RelayedLoadProcess(NamespacedProcess process, Path stopFile) implements AutoCloseable {
    /** Starts RATE new clients a second (numbered from {@code firstClient}), each renewing every {@code renewSeconds}. */
    public static RelayedLoadProcess start(NetnsClusterScript cluster, int nodes, Path workDir, double rate, int renewSeconds,
            int firstClient) {
        return start(cluster, allNodes(nodes), workDir, List.of(Double.toString(rate), Integer.toString(renewSeconds), Integer.toString(firstClient)));
    }

    /**
     * Starts RATE clients a second cycling through {@code population} hardware addresses (a
     * returning client gets its own address again, so the pools never run out however long the
     * run), every message relayed to every one of {@code nodes}, each bound client renewing
     * every {@code renewSeconds}.
     */
    public static RelayedLoadProcess startCycling(NetnsClusterScript cluster, int nodes, Path workDir, double rate, int renewSeconds,
            int population, int firstClient) {
        return start(cluster, allNodes(nodes), workDir, List.of(Double.toString(rate), Integer.toString(renewSeconds), Integer.toString(firstClient)),
                Integer.toString(population));
    }

    /**
     * Starts RATE clients a second cycling through {@code population} hardware addresses, each
     * talking to one of {@code nodes} only (as behind a load balancer), with no renewals.
     */
    public static RelayedLoadProcess startSpread(NetnsClusterScript cluster, List<Integer> nodes, Path workDir, double rate,
            int population, int firstClient) {
        return start(cluster, nodes, workDir, List.of(Double.toString(rate), "0", Integer.toString(firstClient)),
                Integer.toString(population), "spread");
    }

    private static RelayedLoadProcess start(NetnsClusterScript cluster, List<Integer> nodes, Path workDir, List<String> rateRenewFirst,
            String... populationAndRoute) {
        List<String> servers = nodes.stream().map(i -> "192.0.2." + (10 + i)).toList();
        int firstClient = Integer.parseInt(rateRenewFirst.get(2));
        Path stop = workDir.resolve("load-" + firstClient + ".stop");
        List<String> cmd = new ArrayList<>(NetnsClusterScript.javaCommand("256m", RelayedLoad4.class.getName()));
        cmd.addAll(List.of(String.join(",", servers), "198.51.100.1,203.0.113.1"));
        cmd.addAll(rateRenewFirst);
        cmd.add(stop.toString());
        cmd.addAll(List.of(populationAndRoute));
        return new RelayedLoadProcess(NamespacedProcess.start(cluster.ns("relay"), workDir, "load-" + firstClient, cmd), stop);
    }

    private static List<Integer> allNodes(int nodes) {
        List<Integer> all = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            all.add(i);
        }
        return all;
    }

    /** What it has printed so far. */
    public LoadLog4 soFar() {
        return LoadLog4.parse(process.stdout());
    }

    /** Asks it to stop, waits for exchanges in flight to finish, and returns everything it printed. */
    public LoadLog4 stop() {
        try {
            Files.writeString(stopFile, "stop\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process.waitFor(Duration.ofSeconds(90));
        LoadLog4 log = LoadLog4.parse(process.stdout());
        if (log.done().isEmpty()) {
            throw new AssertionError("the load generator ended without its summary\n" + process.output());
        }
        return log;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
