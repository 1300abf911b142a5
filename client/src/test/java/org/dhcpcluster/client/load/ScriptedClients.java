package org.dhcpcluster.client.load;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.dhcpcluster.client.runtime.Scheduler;

/**
 * Stand-ins for simulated clients in {@link Workload} tests: no packets, only what a client
 * reports to its run, after a server delay chosen per test. A client gets its lease one
 * {@link #latency} after it starts (unless it is one the server ignores), and a renewal is
 * answered one latency after it begins (unless ignored, or refused with a NAK). Exchanges are
 * reported to the meter as the real clients do, so latencies reach the curve.
 */
final class ScriptedClients implements Workload.ClientFactory {
    private final Scheduler clock;
    private final ExchangeMeter meter;
    Duration latency = Duration.ofMillis(5);
    /** Clients whose DISCOVERs the server ignores; set before they start. */
    final Set<Integer> ignored = new HashSet<>();
    /** Clients whose renewals the server ignores. */
    final Set<Integer> renewalsIgnored = new HashSet<>();
    /** Clients whose renewals the server refuses. */
    final Set<Integer> renewalsRefused = new HashSet<>();
    /** Clients whose lease is answered by two servers (a relay to several). */
    final Set<Integer> answeredTwice = new HashSet<>();
    final Map<Integer, Integer> renewalsPerClient = new HashMap<>();
    final Map<Integer, Client> clients = new HashMap<>();

    ScriptedClients(Scheduler clock, ExchangeMeter meter) {
        this.clock = clock;
        this.meter = meter;
    }

    @Override
    public SimulatedClient create(int index, ClientEvents events) {
        Client c = new Client(index, events);
        clients.put(index, c);
        return c;
    }

    final class Client implements SimulatedClient {
        private final int index;
        private final ClientEvents events;
        private boolean bound;
        boolean stopped;
        boolean released;
        private int xid;

        Client(int index, ClientEvents events) {
            this.index = index;
            this.events = events;
        }

        @Override
        public void start() {
            int id = ++xid;
            meter.sent(index, "DISCOVER-OFFER", id);
            if (ignored.contains(index)) {
                return;
            }
            clock.schedule(latency, () -> {
                if (stopped) {
                    return;
                }
                meter.answered(index, "OFFER", id);
                if (answeredTwice.contains(index)) {
                    meter.answered(index, "OFFER", id);
                }
                bound = true;
                events.bound(index);
            });
        }

        @Override
        public boolean isBound() {
            return bound;
        }

        @Override
        public void renewNow() {
            if (!bound) {
                throw new IllegalStateException("renewNow without a lease");
            }
            bound = false;
            renewalsPerClient.merge(index, 1, Integer::sum);
            int id = ++xid;
            meter.sent(index, "RENEW-ACK", id);
            if (renewalsIgnored.contains(index)) {
                return;
            }
            clock.schedule(latency, () -> {
                meter.answered(index, "ACK", id);
                if (renewalsRefused.contains(index)) {
                    events.nakReceived(index);
                } else {
                    bound = true;
                    events.renewed(index);
                }
            });
        }

        @Override
        public void releaseIfBound() {
            if (bound) {
                bound = false;
                released = true;
                events.released(index);
            }
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }
}
