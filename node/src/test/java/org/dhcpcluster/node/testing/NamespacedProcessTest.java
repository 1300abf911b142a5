package org.dhcpcluster.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NamespacedProcessTest {
    private static NetnsTopology topology;

    @BeforeAll
    static void createTopology() {
        Tools.requireRootAndCommands("ip", "sh", "sleep");
        topology = NetnsTopology.builder().label("namespaced-process").create();
    }

    @AfterAll
    static void closeTopology() {
        if (topology != null) {
            topology.close();
        }
    }

    private static NamespacedProcess start(String name, String... cmd) {
        return NamespacedProcess.start(topology.clientNs(), topology.workDir(), name, List.of(cmd));
    }

    @Test
    void runsInsideTheNamespaceAndCapturesBothStreamsSeparately() {
        try (NamespacedProcess p = start("streams", "sh", "-c", "ip -o link show; echo to-stderr >&2; exit 3")) {
            assertEquals(3, p.waitFor(Duration.ofSeconds(10)));
            assertTrue(p.stdout().contains(topology.clientIf()), "must see the namespace's interfaces: " + p.stdout());
            assertFalse(p.stdout().contains(topology.serverIf()), p.stdout());
            assertEquals("to-stderr\n", p.stderr());
            assertTrue(p.output().contains("to-stderr") && p.output().contains("exited 3"), p.output());
            assertTrue(p.stdoutFile().startsWith(topology.workDir()));
        }
    }

    @Test
    void waitForTimesOutWithTheOutputInTheMessage() {
        try (NamespacedProcess p = start("slow", "sh", "-c", "echo started; sleep 300")) {
            Poll.until(Duration.ofSeconds(5), () -> p.stdout().contains("started"), p::output);
            AssertionError e = assertThrows(AssertionError.class, () -> p.waitFor(Duration.ofMillis(300)));
            assertTrue(e.getMessage().contains("started"), e.getMessage());
        }
    }

    @Test
    void destroyStopsTheProcessAndItsDescendantsEvenIfTheyIgnoreTerm() {
        NamespacedProcess p = start("tree", "sh", "-c", "trap '' TERM; sleep 300 & sleep 301 & wait");
        Poll.until(Duration.ofSeconds(5), () -> Pids.selfAndDescendants(p.pid()).size() == 3,
                () -> "children not started: " + Pids.selfAndDescendants(p.pid()));
        List<Long> tree = Pids.selfAndDescendants(p.pid());

        p.destroy();

        assertFalse(p.isAlive());
        for (long pid : tree) {
            assertFalse(Pids.isAlive(pid), "pid " + pid + " survived");
        }
        p.destroy(); // idempotent
    }

    @Test
    void aRestartedNameGetsItsOwnLogFiles() {
        try (NamespacedProcess a = start("same", "echo", "first"); NamespacedProcess b = start("same", "echo", "second")) {
            a.waitFor(Duration.ofSeconds(5));
            b.waitFor(Duration.ofSeconds(5));
            assertEquals("first\n", a.stdout());
            assertEquals("second\n", b.stdout());
            assertEquals(Path.of("same-2.out"), b.stdoutFile().getFileName());
        }
    }
}
