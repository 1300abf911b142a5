package org.dhcpcluster.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test JVM that never closes its topology must not leave namespaces behind: on a normal or
 * signalled exit the shutdown hook removes them, and after a SIGKILL the next run reaps them.
 */
class AbandonedTopologyTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void needsNamespaces() {
        Tools.requireRootAndCommands("ip", "sh");
    }

    /** Child JVM: creates a topology with a process inside, prints its namespaces, then exits or hangs. */
    public static void main(String[] args) throws InterruptedException {
        NetnsTopology t = NetnsTopology.builder().label("abandoned").withRelay().create();
        t.start(t.clientNs(), "sleeper", "sleep", "300");
        System.out.println("DIR " + t.workDir()); // before NS: the parent reads both once NS appears
        System.out.println("NS " + String.join(" ", t.namespaces()));
        System.out.flush();
        if (args[0].equals("exit")) {
            System.exit(0);
        }
        Thread.sleep(300_000);
    }

    private Process child(String mode, Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AbandonedTopologyTest.class.getName(), mode)
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    private static List<String> namespacesOf(Process p, Path out) {
        return Poll.until(Duration.ofSeconds(30), () -> {
            try {
                return Files.readAllLines(out).stream().filter(l -> l.startsWith("NS ")).findFirst()
                        .map(l -> Arrays.asList(l.substring(3).split(" ")));
            } catch (IOException e) {
                return Optional.empty();
            }
        }, () -> "child did not report its namespaces (alive=" + p.isAlive() + ")");
    }

    @Test
    void shutdownHookRemovesTheNamespacesOfARunThatExitsWithoutClosing() throws Exception {
        Path out = tmp.resolve("child.out");
        Process p = child("exit", out);
        List<String> namespaces = namespacesOf(p, out);

        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child JVM did not exit");
        assertEquals(0, p.exitValue(), Files.readString(out));
        List<String> left = Namespaces.list();
        for (String ns : namespaces) {
            assertFalse(left.contains(ns), ns + " left behind: " + Files.readString(out));
        }
        String dir = Files.readAllLines(out).stream().filter(l -> l.startsWith("DIR ")).findFirst().orElseThrow();
        assertFalse(Files.exists(Path.of(dir.substring(4))), "the hook deletes the temporary work directory");
    }

    @Test
    void namespacesOfAKilledRunAreReapedByTheNextOne() throws Exception {
        Path out = tmp.resolve("child.out");
        Process p = child("hang", out);
        List<String> namespaces;
        try {
            namespaces = namespacesOf(p, out);
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hook runs
            p.waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(Namespaces.list().containsAll(namespaces), "SIGKILL should leave them for the reaper");

        Path workDir = Path.of(Files.readAllLines(out).stream().filter(l -> l.startsWith("DIR ")).findFirst()
                .orElseThrow().substring(4));
        assertTrue(Files.isDirectory(workDir));

        TopologyRegistry.reapOrphans();

        List<String> left = Namespaces.list();
        for (String ns : namespaces) {
            assertFalse(left.contains(ns), ns + " not reaped");
        }
        assertFalse(Files.exists(workDir), "its temporary work directory is reaped too");
    }
}
