package org.dhcpcluster.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dhcpcluster.node.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/cluster/local-cluster.sh as an operator runs it: two node processes and a shared
 * PostgreSQL process start, form one cluster (both Up in /api/cluster), and stop on SIGTERM
 * leaving no process behind. Nodes run from the test classpath instead of the packaged jar.
 */
class LocalClusterScriptTest {
    private static final Path SCRIPT = Path.of("..", "deploy", "cluster", "local-cluster.sh").toAbsolutePath().normalize();

    @TempDir
    Path state;

    private Process run(String... args) throws IOException {
        String nodeCmd = Path.of(System.getProperty("java.home"), "bin", "java") + " -Xmx384m -cp "
                + System.getProperty("java.class.path") + " org.dhcpcluster.node.Main";
        ProcessBuilder pb = new ProcessBuilder(concat(List.of("bash", SCRIPT.toString()), args)).redirectErrorStream(true);
        pb.environment().put("STATE", state.toString());
        pb.environment().put("NODE_CMD", nodeCmd);
        pb.environment().put("PG_PORT", Integer.toString(freePort()));
        return pb.start();
    }

    private static List<String> concat(List<String> a, String... b) {
        return java.util.stream.Stream.concat(a.stream(), java.util.Arrays.stream(b)).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String finish(Process p, int seconds) throws Exception {
        assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), "script did not finish in " + seconds + " s");
        return new String(p.getInputStream().readAllBytes());
    }

    @Test
    void startsTwoNodesOnOneJournalThatFormOneClusterAndStopsThemAll() throws Exception {
        Tools.requireCommands("bash", "curl", "setsid");
        try {
            Process start = run("start", "2");
            String out = finish(start, 240);
            assertEquals(0, start.exitValue(), out);
            assertEquals(2, out.split("\"status\":\"Up\"", -1).length - 1, "both nodes are Up members:\n" + out);
        } finally {
            Process stop = run("stop");
            String out = finish(stop, 120);
            assertEquals(0, stop.exitValue(), out);
        }
        for (String dir : List.of("node-1", "node-2", "postgres")) {
            assertTrue(Files.notExists(state.resolve(dir).resolve("pid")), dir + " still has a pid file");
        }
    }
}
