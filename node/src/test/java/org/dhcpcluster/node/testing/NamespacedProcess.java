package org.dhcpcluster.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A long-running command inside a network namespace ({@code ip netns exec NS ...}) whose stdout
 * and stderr go to files, so a failing test can print exactly what the program said. Stopped by
 * PID, descendants included.
 */
public final class NamespacedProcess implements AutoCloseable {
    /** How long a process gets to act on SIGTERM (a DHCP client may send a RELEASE) before SIGKILL. */
    public static final Duration TERM_GRACE = Duration.ofSeconds(3);
    private static final int TAIL_CHARS = 6000;

    private final String netns;
    private final String name;
    private final List<String> command;
    private final Process process;
    private final Path stdoutFile;
    private final Path stderrFile;

    private NamespacedProcess(String netns, String name, List<String> command, Process process, Path out, Path err) {
        this.netns = netns;
        this.name = name;
        this.command = command;
        this.process = process;
        this.stdoutFile = out;
        this.stderrFile = err;
    }

    /** Starts {@code command} in {@code netns}; output goes to {@code logDir/name.out|.err}. */
    public static NamespacedProcess start(String netns, Path logDir, String name, List<String> command) {
        return start(netns, logDir, name, Map.of(), command);
    }

    /** As {@link #start(String, Path, String, List)} with extra environment variables. */
    public static NamespacedProcess start(String netns, Path logDir, String name, Map<String, String> env,
            List<String> command) {
        List<String> full = new ArrayList<>(List.of(Tools.executable("ip"), "netns", "exec", netns));
        full.addAll(command);
        try {
            Files.createDirectories(logDir);
            String base = uniqueBase(logDir, name);
            Path out = logDir.resolve(base + ".out");
            Path err = logDir.resolve(base + ".err");
            ProcessBuilder pb = new ProcessBuilder(full).directory(logDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.environment().putAll(env);
            return new NamespacedProcess(netns, base, List.copyOf(full), pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + full, e);
        }
    }

    // a restarted client (dhclient renew) keeps its earlier logs next to the new ones
    private static String uniqueBase(Path dir, String name) {
        String base = name;
        for (int i = 2; Files.exists(dir.resolve(base + ".out")); i++) {
            base = name + "-" + i;
        }
        return base;
    }

    /** PID of the command itself: ip netns exec execs it, so this is not a wrapper's PID. */
    public long pid() {
        return process.pid();
    }

    public String netns() {
        return netns;
    }

    public String name() {
        return name;
    }

    /** The full command line, including the {@code ip netns exec NS} prefix. */
    public List<String> command() {
        return command;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits for the process to exit and returns its exit code; throws an {@link AssertionError}
     * with the process output if it is still running after {@code timeout}.
     */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still running after " + timeout + "\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + name, e);
        }
    }

    /** Sends a signal by name ("USR1", "ALRM"...); false if the process is gone. */
    public boolean signal(String signal) {
        return process.isAlive() && Pids.signal(pid(), signal);
    }

    /** SIGTERM to the process and its descendants, SIGKILL after {@link #TERM_GRACE}. Idempotent. */
    public void destroy() {
        Pids.killTree(pid(), TERM_GRACE);
        try {
            // lets the JVM reap it, so it is not left as a zombie counted by 'ip netns pids'
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        destroy();
    }

    public Path stdoutFile() {
        return stdoutFile;
    }

    public Path stderrFile() {
        return stderrFile;
    }

    public String stdout() {
        return read(stdoutFile);
    }

    public String stderr() {
        return read(stderrFile);
    }

    /** Command, state and the tail of both streams: meant for assertion messages. */
    public String output() {
        String state = process.isAlive() ? "running" : "exited " + process.exitValue();
        return "$ " + String.join(" ", command) + "   [pid " + pid() + ", " + state + "]\n"
                + "--- stdout (" + stdoutFile + ") ---\n" + tail(stdout())
                + "--- stderr (" + stderrFile + ") ---\n" + tail(stderr());
    }

    @Override
    public String toString() {
        return name + "[pid " + pid() + " in " + netns + "]";
    }

    private static String tail(String s) {
        String t = s.length() <= TAIL_CHARS ? s : "..." + s.substring(s.length() - TAIL_CHARS);
        return t.isEmpty() || t.endsWith("\n") ? t : t + "\n";
    }

    private static String read(Path p) {
        try {
            // lenient decoding: a client may print bytes that are not UTF-8
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
