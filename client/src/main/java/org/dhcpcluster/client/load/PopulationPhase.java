package org.dhcpcluster.client.load;

import java.time.Duration;
import java.util.Map;

/**
 * The clients bound before the measured phase: how many of them got a lease, in how long. Not
 * a measurement (their rate is chosen to be one the server sustains) but worth a line: a
 * renewal storm over fewer leases than asked for is a smaller storm.
 */
public record PopulationPhase(int clients, int bound, Duration elapsed, Map<String, LatencyStats> latencies) {
    public int notBound() {
        return clients - bound;
    }
}
