package org.dhcpcluster.client.load;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * What a load run does: {@code clients} simulated clients of one family started at {@code rate}
 * per second, either relayed from {@code relayAddress} to {@code server} or on the link of
 * {@code device}; each obtains a lease, then optionally waits for its renewal (at the T1 the
 * server chose) and releases it. The run ends when every client is done or after {@code maxDuration}.
 *
 * @param family "v4", "v6" or "4o6"
 * @param serverPort the relayed server's port, which the relay also listens on; 0 for the
 *     family's standard port (67 or 547)
 */
public record LoadSettings(String family, int clients, double rate, Optional<InetAddress> relayAddress,
                           Optional<InetAddress> server, Optional<String> device, boolean renew, boolean release,
                           Duration maxDuration, long seed, int serverPort) {
    public LoadSettings {
        if (serverPort < 0 || serverPort > 65535) {
            throw new IllegalArgumentException("--server-port must be 1..65535: " + serverPort);
        }
        if (!family.equals("v4") && !family.equals("v6") && !family.equals("4o6")) {
            throw new IllegalArgumentException("family is v4, v6 or 4o6: " + family);
        }
        if (clients < 1 || clients > 0xFF_FFFF) {
            throw new IllegalArgumentException("clients must be 1..16777215: " + clients);
        }
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + rate);
        }
        if (relayAddress.isPresent() != server.isPresent()) {
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
