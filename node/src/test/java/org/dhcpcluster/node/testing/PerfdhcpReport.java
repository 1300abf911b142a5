package org.dhcpcluster.node.testing;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What perfdhcp reported for one run (see {@link PerfdhcpOutputParser}). Delays are in
 * milliseconds and are {@code NaN} when perfdhcp had nothing to measure (it prints "n/a" or
 * "inf" then, e.g. when the server never answered).
 *
 * @param command            the command line perfdhcp echoed ("Running: ..."), "" if absent
 * @param rate               achieved exchanges per second ("Rate:"), NaN if absent
 * @param exchanges          statistics per exchange, by perfdhcp's name ("DISCOVER-OFFER",
 *                           "REQUEST-ACK"; for v6 "SOLICIT-ADVERTISE", "REQUEST-REPLY"), in output order
 * @param provisionTime      avalanche only: "It took H:MM:SS.ffffff to provision N clients"
 * @param provisionedClients avalanche only: the N of that line
 * @param raw                the whole output, for assertion messages
 */
public record PerfdhcpReport(String command, double rate, Map<String, Exchange> exchanges,
        Optional<Duration> provisionTime, OptionalInt provisionedClients, String raw) {

    /** One "***Statistics for: NAME***" block. */
    public record Exchange(String name, long sent, long received, long drops, double minDelayMs, double avgDelayMs,
            double maxDelayMs) {
        /** Share of sent packets left unanswered, 0..1 (0 when nothing was sent). */
        public double dropRatio() {
            return sent == 0 ? 0 : (double) drops / sent;
        }
    }

    public PerfdhcpReport {
        exchanges = Collections.unmodifiableMap(new LinkedHashMap<>(exchanges)); // keeps perfdhcp's order
    }

    /** The named exchange; throws with the raw output if perfdhcp did not report it. */
    public Exchange exchange(String name) {
        Exchange e = exchanges.get(name);
        if (e == null) {
            throw new AssertionError("perfdhcp reported no " + name + " statistics:\n" + raw);
        }
        return e;
    }

    /** v4 first half: DISCOVER sent, OFFER received. */
    public Exchange discoverOffer() {
        return exchange("DISCOVER-OFFER");
    }

    /** v4 second half: REQUEST sent, ACK received (= leases granted). */
    public Exchange requestAck() {
        return exchange("REQUEST-ACK");
    }

    /** v6 first half: SOLICIT sent, ADVERTISE received. */
    public Exchange solicitAdvertise() {
        return exchange("SOLICIT-ADVERTISE");
    }

    /** v6 second half: REQUEST sent, REPLY received (= bindings granted). */
    public Exchange requestReply() {
        return exchange("REQUEST-REPLY");
    }

    /** True for a DHCPv6 run (its statistics are SOLICIT-ADVERTISE and REQUEST-REPLY). */
    public boolean isV6() {
        return exchanges.containsKey("SOLICIT-ADVERTISE");
    }

    /** Leases granted: ACKs received (v4) or REPLYs to REQUEST received (v6). */
    public long leases() {
        return isV6() ? requestReply().received() : requestAck().received();
    }
}
