package org.dhcpcluster.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A DHCP edge's counters ({@code dhcp4_...} or {@code dhcp6_...}), named for Prometheus: every datagram is counted once as
 * received, then once as answered, silent (a protocol reason not to answer) or dropped
 * (it could not be processed). Malformed input is visible here, never only in a log.
 */
public final class DhcpMetrics {
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer exchange;
    private final String prefix;

    /** {@code prefix} is {@code dhcp4} or {@code dhcp6}. */
    public DhcpMetrics(MeterRegistry registry, String prefix) {
        this.registry = registry;
        this.prefix = prefix;
        this.exchange = Timer.builder(prefix + "_exchange_seconds")
                .description("time from receiving a request to handing its reply to the socket")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + '|' + value, k -> Counter.builder(name).tag(tag, value).register(registry));
    }

    public void received(String messageType) {
        counter(prefix + "_received_total", "type", messageType).increment();
    }

    public void answered(String messageType) {
        counter(prefix + "_sent_total", "type", messageType).increment();
    }

    public void silent(String reason) {
        counter(prefix + "_silent_total", "reason", reason).increment();
    }

    public void dropped(String reason) {
        counter(prefix + "_dropped_total", "reason", reason).increment();
    }

    /** A DECLINE answered but not honoured (released, not quarantined): the flood limit that refused it. */
    public void declineRefused(String limit) {
        counter(prefix + "_decline_refused_total", "limit", limit).increment();
    }

    public void optionDropped() {
        counter(prefix + "_options_dropped_total", "reason", "malformed").increment();
    }

    public void exchangeTook(Duration d) {
        exchange.record(d);
    }

    /** Sum of a counter over all its tag values. */
    public double total(String name) {
        return counters.entrySet().stream().filter(e -> e.getKey().startsWith(name + '|')).mapToDouble(e -> e.getValue().count()).sum();
    }

    /** Current value of a counter, for tests and the status page. */
    public double count(String name, String value) {
        Counter c = counters.get(name + '|' + value);
        return c == null ? 0 : c.count();
    }
}
