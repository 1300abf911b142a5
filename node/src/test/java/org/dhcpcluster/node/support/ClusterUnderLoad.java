package org.dhcpcluster.node.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.dhcpcluster.node.testing.Poll;
import org.dhcpcluster.node.testing.Tools;

/**
 * Three nodes brought up by deploy/cluster/netns-cluster.sh with {@link RelayedLoad4} running
 * against them, for the tests that do something to the cluster under load. Skips (or fails under
 * CI=true) without root and namespaces; {@link #close()} stops the load and runs {@code down}.
 */
public final class ClusterUnderLoad implements AutoCloseable {
    public static final int NODES = 3;

    private final NetnsClusterScript cluster;
    private RelayedLoadProcess load;

    private ClusterUnderLoad(NetnsClusterScript cluster) {
        this.cluster = cluster;
    }

    /**
     * Brings the cluster up in {@code work} and starts {@code rate} new clients a second (numbered
     * from {@code firstClient}, renewing every {@code renewSeconds}); returns once {@code warmAcks}
     * leases are in.
     */
    public static ClusterUnderLoad start(Path work, double rate, int renewSeconds, int firstClient, int warmAcks) {
        return start(work, warmAcks, cluster -> RelayedLoadProcess.start(cluster, NODES, work, rate, renewSeconds, firstClient));
    }

    /** As {@link #start(Path, double, int, int, int)} with the load that {@code load} starts. */
    public static ClusterUnderLoad start(Path work, int warmAcks, Function<NetnsClusterScript, RelayedLoadProcess> load) {
        return start(work, Map.of(), warmAcks, load);
    }

    /** As {@link #start(Path, int, Function)}, the script run with {@code scriptEnv} added (e.g. PG_PROXY_CMD). */
    public static ClusterUnderLoad start(Path work, Map<String, String> scriptEnv, int warmAcks,
                                         Function<NetnsClusterScript, RelayedLoadProcess> load) {
        Tools.requireRootAndCommands("ip", "curl", "setsid");
        ClusterUnderLoad run = new ClusterUnderLoad(new NetnsClusterScript(work.resolve("cluster"), scriptEnv));
        try {
            run.cluster.must(300, "up", Integer.toString(NODES));
            run.load = load.apply(run.cluster);
            Poll.until(Duration.ofSeconds(90), () -> run.load.soFar().acks().size() >= warmAcks,
                    () -> "fewer than " + warmAcks + " leases under load\n" + run.load.process().output());
            return run;
        } catch (RuntimeException | Error e) {
            run.close();
            throw e;
        }
    }

    public NetnsClusterScript cluster() {
        return cluster;
    }

    public RelayedLoadProcess load() {
        return load;
    }

    @Override
    public void close() {
        try {
            if (load != null) {
                load.close();
            }
        } finally {
            cluster.close();
        }
    }
}
