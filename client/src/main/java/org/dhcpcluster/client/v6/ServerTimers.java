package org.dhcpcluster.client.v6;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.option.Lifetimes;

/**
 * The client timing values a server may impose, and the limits within which the client
 * accepts them: SOL_MAX_RT and INF_MAX_RT (sections 21.24, 21.25) and the information
 * refresh time of a stateless client (section 21.23).
 */
final class ServerTimers {

    private ServerTimers() {
    }

    /** A SOL_MAX_RT or INF_MAX_RT value, if within 60..86400 s; a value outside is ignored (sections 21.24, 21.25). */
    static Optional<Duration> maxRt(OptionalLong seconds) {
        if (seconds.isEmpty()) {
            return Optional.empty();
        }
        Duration d = Duration.ofSeconds(seconds.getAsLong());
        return d.compareTo(TransmissionConstants.MAX_RT_OPTION_MINIMUM) < 0
                || d.compareTo(TransmissionConstants.MAX_RT_OPTION_MAXIMUM) > 0 ? Optional.empty() : Optional.of(d);
    }

    /**
     * When to ask again after a REPLY to INFORMATION-REQUEST: the server's refresh time but
     * at least IRT_MINIMUM, IRT_DEFAULT when it sent none, never when it sent infinity.
     */
    static Optional<Duration> informationRefresh(ClientServerMessage reply) {
        OptionalLong seconds = reply.informationRefreshTime();
        if (seconds.isEmpty()) {
            return Optional.of(TransmissionConstants.IRT_DEFAULT);
        }
        if (seconds.getAsLong() == Lifetimes.INFINITY) {
            return Optional.empty();
        }
        Duration d = Duration.ofSeconds(seconds.getAsLong());
        return Optional.of(d.compareTo(TransmissionConstants.IRT_MINIMUM) < 0 ? TransmissionConstants.IRT_MINIMUM : d);
    }
}
