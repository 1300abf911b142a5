package org.dhcpcluster.node.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived command to completion (ip, kill, nsenter...) and returns its exit code and
 * combined output. Output goes to a temporary file rather than a pipe: a command that leaves a
 * daemon behind holding the pipe open could otherwise block the reader forever.
 */
public final class Cmd {
    /** Default bound for housekeeping commands; they normally take milliseconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    /** Outcome of one command; {@code exitCode} is -1 when it timed out or could not start. */
    public record Result(List<String> command, int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** One line for error messages: the command, its exit code and its output. */
        public String describe() {
            return String.join(" ", command) + " -> exit " + exitCode + (output.isBlank() ? "" : ": " + output.strip());
        }
    }

    private Cmd() {
    }

    public static Result run(String... command) {
        return run(DEFAULT_TIMEOUT, List.of(command));
    }

    /** Runs {@code command}; never throws: failures to start or time-outs come back as exit -1. */
    public static Result run(Duration timeout, List<String> command) {
        Path out = null;
        try {
            out = Files.createTempFile("dct-cmd", ".out");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                Pids.killTree(p.pid(), Duration.ofSeconds(1));
            }
            String text = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
            return new Result(List.copyOf(command), done ? p.exitValue() : -1,
                    done ? text : text + "\n(timed out after " + timeout + ")");
        } catch (IOException e) {
            return new Result(List.copyOf(command), -1, "cannot run: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(List.copyOf(command), -1, "interrupted");
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a stray temp file is harmless
                }
            }
        }
    }

    /** Runs {@code command} and returns its output, or throws with the output if it failed. */
    public static String check(String... command) {
        Result r = run(DEFAULT_TIMEOUT, List.of(command));
        if (!r.ok()) {
            throw new IllegalStateException(r.describe());
        }
        return r.output();
    }
}
