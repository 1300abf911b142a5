package org.dhcpcluster.node.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes sure namespaces outlive neither the test nor the JVM: open topologies are closed by a
 * shutdown hook (Ctrl-C, System.exit, a surefire fork being stopped), and each one leaves an owner
 * marker (JVM pid + start time) so that namespaces (and temp work directory) of a JVM that died by
 * SIGKILL, where no hook runs, are reaped by the next run instead of accumulating.
 */
final class TopologyRegistry {
    private static final Set<NetnsTopology> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();
    private static final AtomicBoolean REAPED = new AtomicBoolean();
    private static final Path MARKERS = Path.of(System.getProperty("java.io.tmpdir"), "dct-netns-owners");

    private TopologyRegistry() {
    }

    /** Called before a topology creates anything, so even a half-built one is cleaned up. */
    static void register(NetnsTopology topology) {
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(TopologyRegistry::closeAll, "netns-topology-cleanup"));
        }
        OPEN.add(topology);
        writeMarker(topology.id(), topology.namespaces(), topology.ownedWorkDir());
    }

    static void unregister(NetnsTopology topology) {
        OPEN.remove(topology);
        try {
            Files.deleteIfExists(MARKERS.resolve(topology.id()));
        } catch (IOException ignored) {
            // a stale marker only costs a no-op reap later
        }
    }

    private static void closeAll() {
        for (NetnsTopology t : new ArrayList<>(OPEN)) {
            t.close();
        }
    }

    /** Once per JVM, before its first topology: {@link #reapOrphans()}. */
    static void reapOrphansOnce() {
        if (REAPED.compareAndSet(false, true)) {
            reapOrphans();
        }
    }

    /** Tears down namespaces whose owning JVM no longer exists (it was SIGKILLed). */
    static void reapOrphans() {
        if (!Files.isDirectory(MARKERS)) {
            return;
        }
        try (DirectoryStream<Path> markers = Files.newDirectoryStream(MARKERS)) {
            for (Path marker : markers) {
                if (marker.getFileName().toString().endsWith(".tmp")) {
                    continue;
                }
                try {
                    reapIfOrphan(marker);
                } catch (IOException | RuntimeException e) {
                    System.err.println("netns topology: cannot reap " + marker + ": " + e);
                }
            }
        } catch (IOException e) {
            System.err.println("netns topology: cannot scan " + MARKERS + ": " + e);
        }
    }

    private static void reapIfOrphan(Path marker) throws IOException {
        List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
        if (lines.size() < 2) {
            return; // being written right now by another JVM
        }
        String[] owner = lines.get(0).split(" ");
        if (ownerAlive(Long.parseLong(owner[0]), owner.length > 1 ? owner[1] : "")) {
            return;
        }
        List<String> namespaces = Arrays.asList(lines.get(1).split(" "));
        List<String> problems = Namespaces.teardown(namespaces);
        if (lines.size() > 2 && !lines.get(2).isBlank()) {
            NetnsTopology.deleteRecursively(Path.of(lines.get(2)));
        }
        System.err.println("netns topology: reaped namespaces " + namespaces + " left by dead JVM " + owner[0]
                + (problems.isEmpty() ? "" : " (problems: " + problems + ")"));
        Files.deleteIfExists(marker);
    }

    // pid reuse is ruled out by comparing the start time recorded with the marker
    private static boolean ownerAlive(long pid, String startedAt) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        return startedAt.isEmpty() || h.get().info().startInstant().map(Instant::toString).orElse("").equals(startedAt);
    }

    // line 1: owner pid and start time; line 2: namespaces; line 3: work directory to delete, if any
    private static void writeMarker(String id, List<String> namespaces, Optional<Path> workDir) {
        ProcessHandle me = ProcessHandle.current();
        String started = me.info().startInstant().map(Instant::toString).orElse("");
        try {
            Files.createDirectories(MARKERS);
            Path tmp = Files.createTempFile(MARKERS, id, ".tmp");
            Files.writeString(tmp, me.pid() + " " + started + "\n" + String.join(" ", namespaces) + "\n"
                    + workDir.map(Path::toString).orElse("") + "\n");
            Files.move(tmp, MARKERS.resolve(id), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // only the SIGKILL safety net is lost; the shutdown hook still works
            System.err.println("netns topology: cannot write owner marker: " + e);
        }
    }
}
