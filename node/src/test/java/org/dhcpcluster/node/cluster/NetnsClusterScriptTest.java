package org.dhcpcluster.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dhcpcluster.node.support.NetnsClusterScript;
import org.dhcpcluster.node.testing.Namespaces;
import org.dhcpcluster.node.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/cluster/netns-cluster.sh as an operator runs it: two nodes come up in namespaces of
 * their own under one fresh prefix and form one cluster; cut and heal take a node's link down
 * and up; stop and start restart it; a second 'up' on the same state is refused; and 'down',
 * run twice, leaves no namespace and no process behind.
 */
class NetnsClusterScriptTest {
    @TempDir
    Path work;

    @Test
    void upCutHealStopStartThenDownTwiceLeavesNothingBehind() throws IOException {
        Tools.requireRootAndCommands("ip", "curl", "setsid");
        NetnsClusterScript cluster = new NetnsClusterScript(work.resolve("cluster"));
        List<String> namespaces = new ArrayList<>();
        List<Long> pids = new ArrayList<>();
        NetnsClusterScript.Result firstDown;
        NetnsClusterScript.Result secondDown;
        try {
            cluster.must(300, "up", "2");
            namespaces.addAll(Files.readAllLines(cluster.state().resolve("namespaces")));
            pids.add(Long.parseLong(Files.readString(cluster.state().resolve("postgres").resolve("pid")).strip()));
            pids.add(cluster.pid(1).orElseThrow());
            String prefix = cluster.ns("bridge").replaceAll("br$", "");
            assertTrue(prefix.matches("dnc[0-9a-f]{4}"), "a fresh prefix: " + prefix);
            assertEquals(6, namespaces.size(), "bridge, database, clients, relay and two nodes: " + namespaces);
            assertTrue(namespaces.stream().allMatch(ns -> ns.startsWith(prefix) && Namespaces.exists(ns)), namespaces.toString());
            String status = cluster.must(60, "status");
            assertEquals(2, status.split("\"status\":\"Up\"", -1).length - 1, "two Up members:\n" + status);

            cluster.must(30, "cut", "2");
            assertTrue(cluster.must(60, "status").contains("node 2 ns " + prefix + "n2 pid " + cluster.pid(2).orElseThrow() + " link DOWN"),
                    "a cut node's link is down");
            cluster.must(30, "heal", "2");
            assertTrue(cluster.must(60, "status").contains("link UP ready: ready"), "a healed node's link is up");

            long before = cluster.pid(2).orElseThrow();
            cluster.must(120, "stop", "2");
            assertTrue(cluster.pid(2).isEmpty(), "node 2 exited on SIGTERM");
            cluster.must(240, "start", "2");
            long after = cluster.pid(2).orElseThrow();
            pids.addAll(List.of(before, after));
            assertTrue(after != before && cluster.get(2, "/ready").isPresent(), "node 2 restarted and ready");

            assertEquals(2, cluster.run(30, "up", "1").exitCode(), "a second 'up' on the same state is refused");
        } finally {
            firstDown = cluster.run(120, "down");
            secondDown = cluster.run(120, "down");
            cluster.close();
        }
        assertEquals(0, firstDown.exitCode(), firstDown.stderr());
        assertEquals(0, secondDown.exitCode(), "down twice is safe: " + secondDown.stderr());
        List<String> left = Namespaces.list();
        assertTrue(namespaces.stream().noneMatch(left::contains), "namespaces left: " + left);
        assertFalse(pids.stream().anyMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)),
                "processes left of " + pids);
    }
}
