package org.dhcpcluster.node.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A node run as its own JVM ({@code org.dhcpcluster.node.Main} on the test classpath), as an
 * operator runs it, optionally inside a network namespace. Output goes to a log file whose
 * tail is included in failures. Stopped by PID: SIGTERM (graceful) or SIGKILL (crash).
 */
public final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private NodeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a node with the given configuration file; {@code netns} runs it inside that
     * namespace (needs root). Waits until it logs that it is ready.
     */
    public static NodeProcess start(Path config, Path workDir, Optional<String> netns, Duration readyWithin) {
        NodeProcess node = launch(config, workDir, netns, Map.of());
        try {
            node.awaitLog("event=node_ready", readyWithin);
        } catch (RuntimeException | Error e) {
            node.kill();
            throw e;
        }
        return node;
    }

    /**
     * Starts a node with extra environment variables (what a container gets from its pod spec)
     * and returns at once; wait for it with {@link #awaitLog}.
     */
    public static NodeProcess launch(Path config, Path workDir, Optional<String> netns, Map<String, String> env) {
        return launch(nodeCommand(config, netns), workDir, env);
    }

    /** The java command that runs a node from the test classpath. */
    private static List<String> nodeCommand(Path config, Optional<String> netns) {
        List<String> cmd = new ArrayList<>();
        netns.ifPresent(ns -> cmd.addAll(List.of("ip", "netns", "exec", ns)));
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx512m", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                "org.dhcpcluster.node.Main", "--config", config.toAbsolutePath().toString()));
        return cmd;
    }

    /**
     * Runs any command that ends up running a node (a container entrypoint, say), with extra
     * environment variables, and returns at once.
     */
    public static NodeProcess launch(List<String> cmd, Path workDir, Map<String, String> env) {
        Path log = workDir.resolve("node-" + System.nanoTime() + ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // readiness is read from the node's INFO log, whatever level the test JVM runs at
            pb.environment().put("DHCP_LOG_LEVEL", "INFO");
            pb.environment().putAll(env);
            Process p = pb.start();
            // even an aborted test run must not leave a node behind
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
            return new NodeProcess(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node: " + cmd, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for a line containing {@code text}; fails with the log's tail if the node dies or time runs out. */
    public void awaitLog(String text, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (logText().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("node exited with " + process.exitValue() + " before logging '" + text + "':\n" + tail());
            }
            sleep(100);
        }
        throw new AssertionError("node did not log '" + text + "' within " + within + ":\n" + tail());
    }

    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public String tail() {
        String all = logText();
        return all.length() <= 4000 ? all : all.substring(all.length() - 4000);
    }

    /** SIGKILL: the process gets no chance to flush, leave or clean up. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** SIGTERM and wait: coordinated shutdown runs. Returns the exit code. */
    public int terminate(Duration within) {
        process.destroy();
        if (!waitFor(within)) {
            process.destroyForcibly();
            throw new AssertionError("node did not stop within " + within + " of SIGTERM:\n" + tail());
        }
        return process.exitValue();
    }

    private boolean waitFor(Duration d) {
        try {
            return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(30))) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(10));
            }
        }
    }
}
