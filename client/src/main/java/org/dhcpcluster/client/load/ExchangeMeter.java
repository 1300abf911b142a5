package org.dhcpcluster.client.load;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.dhcpcluster.client.runtime.Scheduler;

/**
 * Times request/reply exchanges of many simulated clients from the outside, by watching what
 * each sends and receives, so the state machines need no hooks for it. An exchange runs from
 * the first transmission of a message (retransmissions with the same transaction id keep the
 * start: a lost packet costs the client the wait, and the latency shows it) to the first reply
 * with that transaction id. Every client has at most one exchange at a time, as the state
 * machines do. Runs on the load run's scheduler thread only.
 */
public final class ExchangeMeter {
    private final Scheduler clock;
    private final Map<String, LatencyStats> byExchange = new TreeMap<>();
    private final Map<Integer, Pending> pending = new HashMap<>();

    private record Pending(String exchange, int xid, Instant firstSent) {
    }

    public ExchangeMeter(Scheduler clock) {
        this.clock = clock;
    }

    /**
     * Client {@code client} sent a message with transaction id {@code xid} that opens (or
     * retransmits) exchange {@code exchange}; a null exchange is a message no reply is awaited for
     * (DHCPRELEASE, DHCPDECLINE), which ends whatever was pending.
     */
    public void sent(int client, String exchange, int xid) {
        if (exchange == null) {
            pending.remove(client);
            return;
        }
        Pending p = pending.get(client);
        if (p == null || p.xid != xid || !p.exchange.equals(exchange)) {
            pending.put(client, new Pending(exchange, xid, clock.now()));
        }
    }

    /** A reply with {@code xid} reached client {@code client}: completes its exchange if the ids match. */
    public void answered(int client, int xid) {
        Pending p = pending.get(client);
        if (p != null && p.xid == xid) {
            pending.remove(client);
            byExchange.computeIfAbsent(p.exchange, k -> new LatencyStats()).record(Duration.between(p.firstSent, clock.now()));
        }
    }

    /** Completed exchanges so far, by name, as copies. */
    public Map<String, LatencyStats> snapshot() {
        Map<String, LatencyStats> out = new TreeMap<>();
        byExchange.forEach((k, v) -> out.put(k, v.copy()));
        return out;
    }
}
