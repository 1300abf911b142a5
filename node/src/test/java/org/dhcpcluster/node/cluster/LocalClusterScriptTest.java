package org.dhcpcluster.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dhcpcluster.node.support.LocalClusterScript;
import org.dhcpcluster.node.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/cluster/local-cluster.sh as an operator runs it: two node processes and a shared
 * PostgreSQL process start, form one cluster (both Up in /api/cluster), and stop on SIGTERM
 * leaving no process behind.
 */
class LocalClusterScriptTest {
    @TempDir
    Path state;

    @Test
    void startsTwoNodesOnOneJournalThatFormOneClusterAndStopsThemAll() {
        Tools.requireCommands("bash", "curl", "setsid");
        LocalClusterScript script = new LocalClusterScript(state);
        try {
            LocalClusterScript.Result start = script.run(240, "start", "2");
            assertEquals(0, start.exitCode(), start.output());
            assertEquals(2, start.output().split("\"status\":\"Up\"", -1).length - 1, "both nodes are Up members:\n" + start.output());
        } finally {
            LocalClusterScript.Result stop = script.run(120, "stop");
            assertEquals(0, stop.exitCode(), stop.output());
        }
        for (String dir : List.of("node-1", "node-2", "postgres")) {
            assertTrue(Files.notExists(state.resolve(dir).resolve("pid")), dir + " still has a pid file");
        }
    }
}
