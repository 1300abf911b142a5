package org.dhcpcluster.client.load;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a load run does: {@code clients} new simulated clients of one family started at
 * {@code rate} per second, either relayed from {@code relayAddress} to every one of
 * {@code servers} or on the link of {@code device}; each obtains a lease, then optionally
 * waits for its renewal (at the T1 the server chose) and releases it. {@code plan} adds a
 * population bound beforehand and renewals from it (see {@link LoadPlan}). The measured phase
 * (after the population) ends when everything offered has completed or failed, or after
 * {@code maxDuration}.
 *
 * @param family "v4", "v6" or "4o6"
 * @param serverPort the relayed servers' port, which the relay also listens on; 0 for the
 *     family's standard port (67 or 547)
 */
public record LoadSettings(String family, int clients, double rate, Optional<InetAddress> relayAddress,
                           List<InetAddress> servers, Optional<String> device, boolean renew, boolean release,
                           Duration maxDuration, long seed, int serverPort, LoadPlan plan) {
    public LoadSettings {
        servers = List.copyOf(servers);
        if (serverPort < 0 || serverPort > 65535) {
            throw new IllegalArgumentException("--server-port must be 1..65535: " + serverPort);
        }
        if (!family.equals("v4") && !family.equals("v6") && !family.equals("4o6")) {
            throw new IllegalArgumentException("family is v4, v6 or 4o6: " + family);
        }
        if (clients < 0 || clients + plan.population() > 0xFF_FFFF) {
            throw new IllegalArgumentException("clients (with the population) must be 0..16777215: " + clients);
        }
        if (clients == 0 && plan.renewals() == 0) {
            throw new IllegalArgumentException("nothing to measure: give --clients N (new clients) or renewals");
        }
        if (clients > 0 && !(rate > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + rate);
        }
        if (relayAddress.isPresent() == servers.isEmpty()) {
            throw new IllegalArgumentException("--relay and --server go together");
        }
        if (relayAddress.isPresent() == device.isPresent()) {
            throw new IllegalArgumentException("give either --relay/--server or --interface");
        }
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + maxDuration);
        }
    }

    public boolean relayed() {
        return relayAddress.isPresent();
    }
}
