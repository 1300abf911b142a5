package org.dhcpcluster.node.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Thin wrapper over {@code ip netns}: list named network namespaces, find the processes inside,
 * and tear namespaces down, killing (by PID) whatever still runs inside them.
 */
public final class Namespaces {
    private Namespaces() {
    }

    /** Names of all named namespaces (the first word of each {@code ip netns list} line). */
    public static List<String> list() {
        Cmd.Result r = Cmd.run(ip(), "netns", "list");
        List<String> names = new ArrayList<>();
        if (r.ok()) {
            for (String line : r.output().split("\n")) {
                String t = line.strip();
                if (!t.isEmpty()) {
                    names.add(t.split("\\s+")[0]);
                }
            }
        }
        return names;
    }

    public static boolean exists(String netns) {
        return list().contains(netns);
    }

    /** PIDs of processes whose network namespace is {@code netns} (empty if it does not exist). */
    public static List<Long> pids(String netns) {
        Cmd.Result r = Cmd.run(ip(), "netns", "pids", netns);
        List<Long> pids = new ArrayList<>();
        if (r.ok()) {
            for (String t : r.output().split("\\s+")) {
                if (t.matches("\\d+")) {
                    pids.add(Long.parseLong(t));
                }
            }
        }
        return pids;
    }

    /**
     * Kills every process inside the namespaces (TERM, then KILL), deletes them, and returns a
     * description of anything that could not be cleaned; never throws, so it is safe on partial
     * state (a namespace never created, or already deleted).
     */
    public static List<String> teardown(Collection<String> namespaces) {
        List<String> problems = new ArrayList<>();
        List<String> present = new ArrayList<>(namespaces);
        present.retainAll(list());
        try {
            Set<Long> pids = new LinkedHashSet<>();
            present.forEach(ns -> pids.addAll(pids(ns)));
            // two rounds: a process may fork while the first round is in flight
            for (int round = 0; round < 2 && !pids.isEmpty(); round++) {
                Pids.killAll(pids, Duration.ofSeconds(2));
                pids.clear();
                present.forEach(ns -> pids.addAll(pids(ns)));
            }
            if (!pids.isEmpty()) {
                problems.add("processes survived SIGKILL: " + pids);
            }
        } catch (RuntimeException e) {
            problems.add("killing processes: " + e);
        }
        for (String ns : present) {
            try {
                Cmd.Result r = Cmd.run(ip(), "netns", "del", ns);
                if (!r.ok()) {
                    problems.add(r.describe());
                }
            } catch (RuntimeException e) {
                problems.add("deleting " + ns + ": " + e);
            }
        }
        return problems;
    }

    private static String ip() {
        return Tools.executable("ip");
    }
}
