package org.dhcpcluster.client.load;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.dhcpcluster.client.runtime.Scheduler;

/**
 * Times request/reply exchanges of many simulated clients from the outside, by watching what
 * each sends and receives, so the state machines need no hooks for it. An exchange runs from
 * the first transmission of a message (retransmissions with the same transaction id keep the
 * start: a lost packet costs the client the wait, and the latency shows it) to the first reply
 * of the matching kind with that transaction id. Every client has at most one exchange awaiting
 * a reply at a time, as the state machines do.
 *
 * <p>A duplicate answer is a reply beyond one per transmission of its exchange: two servers
 * both answering a relayed message, or one server answering a copy twice. A reply to a
 * retransmission is not one (the client asked twice). Runs on the load run's scheduler thread only.
 */
public final class ExchangeMeter {
    /** Hears each completed exchange and each duplicate answer when it happens (a per-second curve). */
    public interface Listener {
        void completed(String exchange, Duration latency);

        void duplicate();
    }

    private static final Listener NOBODY = new Listener() {
        @Override
        public void completed(String exchange, Duration latency) {
        }

        @Override
        public void duplicate() {
        }
    };

    private final Scheduler clock;
    private final Map<Integer, ClientExchanges> clients = new HashMap<>();
    private Map<String, LatencyStats> byExchange = new TreeMap<>();
    private Listener listener = NOBODY;
    private long duplicates;

    public ExchangeMeter(Scheduler clock) {
        this.clock = clock;
    }

    /**
     * Client {@code client} sent a message with transaction id {@code xid} that opens (or
     * retransmits) exchange {@code exchange}; a null exchange is a message no reply is awaited for
     * (DHCPRELEASE, DHCPDECLINE), which ends whatever was pending.
     */
    public void sent(int client, String exchange, int xid) {
        ClientExchanges c = clients.computeIfAbsent(client, k -> new ClientExchanges());
        if (exchange == null) {
            c.pending = null;
            return;
        }
        ClientExchanges.Exchange p = c.pending;
        if (p != null && p.xid == xid && p.name.equals(exchange)) {
            p.transmissions++;
            return;
        }
        c.begin(new ClientExchanges.Exchange(exchange, xid, clock.now()));
    }

    /**
     * A reply of kind {@code replyKind} (see {@link ExchangeNames#replyKind(String)}) with
     * {@code xid} reached client {@code client}: completes its exchange if it is the first
     * answer, counts a duplicate if the exchange already had one answer per transmission.
     */
    public void answered(int client, String replyKind, int xid) {
        ClientExchanges c = clients.get(client);
        ClientExchanges.Exchange e = c == null || replyKind == null ? null : c.find(xid, replyKind);
        if (e == null) {
            return;                 // not an answer to anything this client asked recently
        }
        e.answers++;
        if (e.answers > e.transmissions) {
            duplicates++;
            listener.duplicate();
        }
        if (e == c.pending) {
            c.pending = null;
            Duration latency = Duration.between(e.firstSent, clock.now());
            byExchange.computeIfAbsent(e.name, k -> new LatencyStats()).record(latency);
            listener.completed(e.name, latency);
        }
    }

    public void listener(Listener l) {
        listener = l;
    }

    public long duplicates() {
        return duplicates;
    }

    /** Completed exchanges so far, by name, as copies. */
    public Map<String, LatencyStats> snapshot() {
        Map<String, LatencyStats> out = new TreeMap<>();
        byExchange.forEach((k, v) -> out.put(k, v.copy()));
        return out;
    }

    /**
     * Starts the totals afresh (the measured phase begins once a population is bound) and
     * returns those kept so far; duplicates are counted afresh too.
     */
    public Map<String, LatencyStats> restart() {
        Map<String, LatencyStats> before = byExchange;
        byExchange = new TreeMap<>();
        duplicates = 0;
        return before;
    }
}
