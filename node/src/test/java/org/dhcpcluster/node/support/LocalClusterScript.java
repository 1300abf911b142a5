package org.dhcpcluster.node.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs deploy/cluster/local-cluster.sh as an operator would, with nodes started from the test
 * classpath instead of the packaged jar and all state in one directory.
 */
public final class LocalClusterScript {
    private static final Path SCRIPT = Path.of("..", "deploy", "cluster", "local-cluster.sh").toAbsolutePath().normalize();

    private final Path state;
    private final int postgresPort;

    public LocalClusterScript(Path state) {
        this.state = state;
        try (ServerSocket s = new ServerSocket(0)) {
            this.postgresPort = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the script with these arguments; returns its exit code and output. */
    public Result run(int timeoutSeconds, String... args) {
        String nodeCmd = Path.of(System.getProperty("java.home"), "bin", "java") + " -Xmx384m -cp "
                + System.getProperty("java.class.path") + " org.dhcpcluster.node.Main";
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("STATE", state.toString());
        pb.environment().put("NODE_CMD", nodeCmd);
        pb.environment().put("PG_PORT", Integer.toString(postgresPort));
        try {
            // The script keeps a token it finds: give it the one this JVM's API calls send.
            Path token = state.resolve("management-token");
            if (!Files.exists(token)) {
                Files.createDirectories(state);
                Files.copy(ManagementToken.file(), token);
            }
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("local-cluster.sh " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), new String(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** The PID of node {@code i} (1-based) as the script recorded it. */
    public long pid(int i) {
        try {
            return Long.parseLong(Files.readString(state.resolve("node-" + i).resolve("pid")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path state() {
        return state;
    }

    public record Result(int exitCode, String output) {
    }
}
