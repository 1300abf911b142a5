package org.dhcpcluster.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One ISC Kea server process (kea-dhcp4 or kea-dhcp6) in a namespace, with its config, log, pid
 * and lock files in a private directory of the topology's work directory (Kea's defaults are
 * system paths). {@link KeaDhcp4} and {@link KeaDhcp6} supply the configs.
 */
final class KeaServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final String program;
    private final NamespacedProcess process;
    private final Path log;

    private KeaServer(String program, NamespacedProcess process, Path log) {
        this.program = program;
        this.process = process;
        this.log = log;
    }

    /**
     * Writes the config that {@code config} makes for a log file path, starts {@code program} in
     * the server namespace and waits until it logs {@code startedMarker} (e.g. DHCP6_STARTED).
     */
    static KeaServer start(NetnsTopology topology, String program, Function<Path, String> config, String startedMarker) {
        Path dir = topology.workDir().resolve("kea-" + System.nanoTime());
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve(program + ".log");
            Path conf = dir.resolve(program + ".conf");
            Files.writeString(conf, config.apply(log));
            Map<String, String> env = Map.of("KEA_PIDFILE_DIR", dir.toString(), "KEA_LOCKFILE_DIR", dir.toString());
            NamespacedProcess p = NamespacedProcess.start(topology.serverNs(), dir, program, env,
                    List.of(Tools.executable(program), "-c", conf.toString()));
            KeaServer kea = new KeaServer(program, p, log);
            try {
                kea.awaitLog(startedMarker, START_TIMEOUT);
            } catch (AssertionError e) {
                p.destroy();
                throw e;
            }
            return kea;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's log file (INFO level: one line per allocated, renewed or released lease). */
    String log() {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits until the log contains {@code text}; fails with Kea's output if it exits or time runs out. */
    void awaitLog(String text, Duration timeout) {
        Poll.until(timeout, () -> {
            if (log().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                throw new AssertionError(program + " exited before logging " + text + "\n" + diagnostics());
            }
            return false;
        }, () -> program + " did not log " + text + " within " + timeout + "\n" + diagnostics());
    }

    String diagnostics() {
        return process.output() + "--- " + log.getFileName() + " ---\n" + log();
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
