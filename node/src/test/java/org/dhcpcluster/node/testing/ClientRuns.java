package org.dhcpcluster.node.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The processes one sandboxed DHCP client driver has started, v4 or v6: the client itself
 * (possibly restarted, e.g. dhclient on renew) and one-shot helpers such as {@code dhclient -r}.
 * Every run keeps its own log files in the client's scratch directory, so a failing test can
 * print everything the client said, in order.
 */
final class ClientRuns {
    private final String name;
    private final String netns;
    private final Path dir;
    private final ClientSandbox sandbox;
    private final List<NamespacedProcess> runs = new ArrayList<>();
    private NamespacedProcess current;

    /** {@code name} is the client's executable name, also used for its scratch directory and logs. */
    ClientRuns(String name, String netns, Path workDir) {
        this.name = name;
        this.netns = netns;
        this.dir = uniqueDir(workDir, name);
        this.sandbox = new ClientSandbox(dir, "dct-" + name);
    }

    // two clients of the same kind on one topology (or one closed and a new one) keep apart
    private static Path uniqueDir(Path workDir, String name) {
        Path d = workDir.resolve(name);
        for (int i = 2; Files.exists(d); i++) {
            d = workDir.resolve(name + "-" + i);
        }
        return d;
    }

    String name() {
        return name;
    }

    Path dir() {
        return dir;
    }

    ClientSandbox sandbox() {
        return sandbox;
    }

    /** Starts (another) client process, sandboxed; it becomes the {@link #current()} one. */
    NamespacedProcess launch(List<String> command) {
        current = NamespacedProcess.start(netns, dir, name, sandbox.wrap(command));
        runs.add(current);
        return current;
    }

    /**
     * Runs a one-shot helper command of the client sandboxed like the client, to completion; on a
     * time-out it is stopped and the error carries {@code diagnostics}.
     */
    NamespacedProcess runToCompletion(String label, List<String> command, Duration timeout, Supplier<String> diagnostics) {
        NamespacedProcess p = NamespacedProcess.start(netns, dir, label, sandbox.wrap(command));
        runs.add(p);
        try {
            p.waitFor(timeout);
        } catch (AssertionError e) {
            p.destroy();
            throw new AssertionError(label + " did not finish within " + timeout + "\n" + diagnostics.get(), e);
        }
        return p;
    }

    boolean started() {
        return current != null;
    }

    /** The running (or last) client process; throws if none was started. */
    NamespacedProcess current() {
        if (current == null) {
            throw new IllegalStateException(name + " not started");
        }
        return current;
    }

    /** PID of the client itself, found behind the sandbox's wrapper layers by its name. */
    long clientPid() {
        return Pids.findByName(current().pid(), name).orElse(current().pid());
    }

    /** What each run printed (stdout, then stderr), in start order. */
    List<String> logs() {
        List<String> logs = new ArrayList<>();
        for (NamespacedProcess p : runs) {
            logs.add(p.stdout() + p.stderr());
        }
        return logs;
    }

    /** Everything all runs printed, in order. */
    String log() {
        return String.join("", logs());
    }

    /** Each run's command, state and output tail, for assertion messages. */
    String outputs() {
        StringBuilder sb = new StringBuilder();
        for (NamespacedProcess p : runs) {
            sb.append(p.output());
        }
        return sb.toString();
    }

    /** Stops every run still alive (SIGTERM, then SIGKILL), by PID. */
    void destroyAll() {
        for (NamespacedProcess p : runs) {
            p.destroy();
        }
    }
}
