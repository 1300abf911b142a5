package org.dhcpcluster.node.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dhcpcluster.node.testing.Tools;

/**
 * Runs deploy/cluster/netns-cluster.sh as an operator would (the one implementation of the
 * namespace topology), with nodes started from the test classpath and all state in one
 * directory. {@link #close()} runs {@code down}; so does a shutdown hook if the test JVM is
 * stopped first, so neither namespaces nor node processes outlive the run.
 */
public final class NetnsClusterScript implements AutoCloseable {
    private static final Path SCRIPT = Path.of("..", "deploy", "cluster", "netns-cluster.sh").toAbsolutePath().normalize();

    private final Path state;
    private final Map<String, String> env;
    private final AtomicBoolean down = new AtomicBoolean();
    private final Thread hook;

    public NetnsClusterScript(Path state) {
        this(state, Map.of());
    }

    /** With extra environment for the script, e.g. PG_PROXY_CMD. */
    public NetnsClusterScript(Path state, Map<String, String> env) {
        this.state = state;
        this.env = Map.copyOf(env);
        this.hook = new Thread(this::down, "netns-cluster-down");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The java command line that runs {@code mainClass} from the test classpath. */
    public static List<String> javaCommand(String heap, String mainClass) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), mainClass);
    }

    /** Runs the script with these arguments; returns its exit code and output (stdout, then stderr). */
    public Result run(int timeoutSeconds, String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("STATE", state.toString());
        pb.environment().put("NODE_CMD", String.join(" ", javaCommand("384m", "org.dhcpcluster.node.Main")));
        pb.environment().putAll(env);
        pb.environment().put("PATH", System.getenv("PATH") + ":" + Tools.which("ip").map(p -> p.getParent().toString()).orElse("/usr/sbin"));
        try {
            Path out = Files.createTempFile(state.getParent(), "netns-cluster-out", ".txt");
            Path err = Files.createTempFile(state.getParent(), "netns-cluster-err", ".txt");
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("netns-cluster.sh " + String.join(" ", args) + " did not finish in " + timeoutSeconds
                        + " s\n" + Files.readString(err));
            }
            Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** Runs the script and fails with its output unless it exits 0; returns stdout. */
    public String must(int timeoutSeconds, String... args) {
        Result r = run(timeoutSeconds, args);
        if (r.exitCode() != 0) {
            throw new AssertionError("netns-cluster.sh " + String.join(" ", args) + " exited " + r.exitCode() + "\n" + r.stderr()
                    + r.stdout());
        }
        return r.stdout();
    }

    /** The namespace of {@code who}: a node number, "db", "clients", "relay" or "bridge". */
    public String ns(String who) {
        return must(10, "ns", who).strip();
    }

    /** Node {@code i}'s PID, if the process is running. */
    public Optional<Long> pid(int i) {
        String out = must(10, "pid", Integer.toString(i)).strip();
        return out.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(out));
    }

    /**
     * GET {@code path} on node {@code i}'s management port, from inside its namespace, with the
     * management token the script wrote; empty if unreachable.
     */
    public Optional<String> get(int i, String path) {
        String token;
        try {
            token = Files.readString(state.resolve("management-token")).strip();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        Result r = run(40, "exec", Integer.toString(i), "curl", "-sf", "--max-time", "30", "-H", "Authorization: Bearer " + token,
                "http://127.0.0.1:8067" + path);
        return r.exitCode() == 0 ? Optional.of(r.stdout()) : Optional.empty();
    }

    /** The script's state directory (node logs under node-I/node.log). */
    public Path state() {
        return state;
    }

    /** Last lines of node {@code i}'s log, for failure messages. */
    public String nodeLogTail(int i) {
        try {
            String all = Files.readString(state.resolve("node-" + i).resolve("node.log"));
            return all.length() <= 3000 ? all : all.substring(all.length() - 3000);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void down() {
        if (down.compareAndSet(false, true) && Files.exists(state)) {
            Result r = run(120, "down");
            if (r.exitCode() != 0) {
                System.err.println("netns-cluster.sh down exited " + r.exitCode() + ": " + r.stderr());
            }
        }
    }

    @Override
    public void close() {
        down();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    public record Result(int exitCode, String stdout, String stderr) {
    }
}
