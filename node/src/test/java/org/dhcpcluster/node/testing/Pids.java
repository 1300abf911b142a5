package org.dhcpcluster.node.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Signals and terminates processes strictly by PID (never by name), so a test can only ever hit
 * processes it started or that live in its own namespaces.
 */
public final class Pids {
    private Pids() {
    }

    /**
     * Sends {@code signal} (a name such as "USR1", "ALRM", "TERM") to {@code pid}; returns false if
     * the process is gone. Uses the shell's kill builtin because Java can only send TERM and KILL
     * (and /usr/bin/kill is not always installed).
     */
    public static boolean signal(long pid, String signal) {
        return Cmd.run(Cmd.DEFAULT_TIMEOUT, List.of("sh", "-c", "kill -s \"$0\" \"$1\"", signal, Long.toString(pid))).ok();
    }

    /**
     * True while {@code pid} exists and is not a zombie (a zombie has already exited; it only waits
     * for its parent to reap it).
     */
    public static boolean isAlive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the state follows the command name, which is in parentheses and may contain spaces
            int close = stat.lastIndexOf(')');
            char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code pid} followed by all its current descendants (depth-first). */
    public static List<Long> selfAndDescendants(long pid) {
        List<Long> all = new ArrayList<>();
        all.add(pid);
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> all.add(d.pid())));
        return all;
    }

    /**
     * The first of {@code pid} and its descendants whose executable is named {@code name}: the
     * real client behind wrapper layers (ip netns exec, unshare, sh), which normally all exec.
     */
    public static Optional<Long> findByName(long pid, String name) {
        for (long p : selfAndDescendants(pid)) {
            if (name.equals(comm(p))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The kernel's short command name of {@code pid} (/proc/PID/comm), or "" if gone. */
    public static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Terminates {@code pid} and its descendants: SIGTERM, then SIGKILL for whatever is still alive
     * after {@code grace}. The tree is captured before signalling, since children are reparented
     * (and no longer found as descendants) once their parent dies. Returns true if all are gone.
     */
    public static boolean killTree(long pid, Duration grace) {
        return killAll(selfAndDescendants(pid), grace);
    }

    /** SIGTERM to every pid, SIGKILL to survivors after {@code grace}; true if all are gone. */
    public static boolean killAll(Collection<Long> pids, Duration grace) {
        Set<Long> targets = new LinkedHashSet<>(pids);
        targets.remove(ProcessHandle.current().pid()); // never ourselves, whatever a caller passes
        if (targets.isEmpty()) {
            return true;
        }
        targets.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroy));
        if (Poll.quietly(grace, () -> targets.stream().noneMatch(Pids::isAlive))) {
            return true;
        }
        targets.stream().filter(Pids::isAlive).forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
        return Poll.quietly(Duration.ofSeconds(5), () -> targets.stream().noneMatch(Pids::isAlive));
    }
}
