package org.dhcpcluster.node.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;

/**
 * Detects whether this machine can run the namespace tests, and turns "cannot" into a skip on a
 * developer box but into a failure in CI, where a silently skipped suite would hide breakage.
 */
public final class Tools {
    /** Set by CI ({@code CI=true}): missing prerequisites fail instead of skipping. */
    public static final String CI_VARIABLE = "CI";

    // sbin directories are searched even when PATH lacks them (sudo -E, IDE runners): the
    // DHCP clients, ip and perfdhcp live there
    private static final List<String> EXTRA_DIRS = List.of("/usr/local/sbin", "/usr/sbin", "/sbin");

    private static volatile Boolean netnsUsable;

    private Tools() {
    }

    /** True when this JVM runs as uid 0 (read from /proc, no extra dependency). */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** True when {@code name} is an executable on PATH or in an sbin directory. */
    public static boolean hasCommand(String name) {
        return which(name).isPresent();
    }

    /** Absolute path of an executable, searching PATH and then the sbin directories. */
    public static Optional<Path> which(String name) {
        if (name.contains("/")) {
            Path p = Path.of(name);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(EXTRA_DIRS);
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The command to put on a command line: its absolute path when found (child processes such as
     * {@code ip netns exec} may have a PATH without sbin), else the bare name.
     */
    public static String executable(String name) {
        return which(name).map(Path::toString).orElse(name);
    }

    /**
     * True when {@code ip netns} can really create and delete a namespace here; root alone is not
     * enough in a container without CAP_SYS_ADMIN. Probed once per JVM.
     */
    public static boolean canCreateNetns() {
        Boolean known = netnsUsable;
        if (known == null) {
            known = probeNetns();
            netnsUsable = known;
        }
        return known;
    }

    private static boolean probeNetns() {
        if (!isRoot() || !hasCommand("ip")) {
            return false;
        }
        String probe = "dctprobe" + ProcessHandle.current().pid();
        Cmd.Result add = Cmd.run(Duration.ofSeconds(10), List.of(executable("ip"), "netns", "add", probe));
        Cmd.run(Duration.ofSeconds(10), List.of(executable("ip"), "netns", "del", probe));
        return add.ok();
    }

    /**
     * Skips (or, with CI=true, fails) the calling test unless it runs as root, network namespaces
     * work and every command exists; the message names everything that is missing.
     * Typical use: {@code Tools.requireRootAndCommands("dhclient", "ip")} first in a test.
     */
    public static void requireRootAndCommands(String... commands) {
        List<String> missing = new ArrayList<>();
        if (!isRoot()) {
            missing.add("root (uid 0)");
        }
        List<String> absent = new ArrayList<>();
        for (String c : commands) {
            if (!hasCommand(c)) {
                absent.add(c);
            }
        }
        if (!absent.isEmpty()) {
            missing.add("commands " + absent);
        }
        if (missing.isEmpty() && !canCreateNetns()) {
            missing.add("working 'ip netns add' (network namespaces)");
        }
        if (!missing.isEmpty()) {
            unavailable("needs " + String.join(", ", missing), System::getenv);
        }
    }

    /** Skips (or fails under CI) unless every command exists; for tests that need no root. */
    public static void requireCommands(String... commands) {
        List<String> absent = new ArrayList<>();
        for (String c : commands) {
            if (!hasCommand(c)) {
                absent.add(c);
            }
        }
        if (!absent.isEmpty()) {
            unavailable("needs commands " + absent, System::getenv);
        }
    }

    /** Skips (or fails under CI) unless {@code file} is a regular file; {@code what} says what it is and how to provide it. */
    public static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            unavailable("needs " + what + " at " + file);
        }
    }

    /** Skips (or fails under CI) with {@code reason}: a prerequisite the test checked itself is missing. */
    public static void unavailable(String reason) {
        unavailable(reason, System::getenv);
    }

    /**
     * The skip-versus-fail rule, with the environment injectable so the rule itself is testable:
     * aborts the test (JUnit "skipped") with {@code reason}, unless {@code CI} is {@code true},
     * in which case it throws an {@link AssertionError} carrying the same reason.
     */
    static void unavailable(String reason, UnaryOperator<String> env) {
        if (runsInCi(env)) {
            throw new AssertionError(reason + " (CI=true: a missing prerequisite is a failure, not a skip)");
        }
        Assumptions.abort(reason);
    }

    static boolean runsInCi(UnaryOperator<String> env) {
        return "true".equalsIgnoreCase(String.valueOf(env.apply(CI_VARIABLE)).trim());
    }
}
