package org.dhcpcluster.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The DHCPv4 edge's counters, named for Prometheus: every datagram is counted once as
 * received, then once as answered, silent (a protocol reason not to answer) or dropped
 * (it could not be processed). Malformed input is visible here, never only in a log.
 */
public final class Dhcp4Metrics {
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer exchange;

    public Dhcp4Metrics(MeterRegistry registry) {
        this.registry = registry;
        this.exchange = Timer.builder("dhcp4_exchange_seconds")
                .description("time from receiving a request to handing its reply to the socket")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + '|' + value, k -> Counter.builder(name).tag(tag, value).register(registry));
    }

    public void received(String messageType) {
        counter("dhcp4_received_total", "type", messageType).increment();
    }

    public void answered(String messageType) {
        counter("dhcp4_sent_total", "type", messageType).increment();
    }

    public void silent(String reason) {
        counter("dhcp4_silent_total", "reason", reason).increment();
    }

    public void dropped(String reason) {
        counter("dhcp4_dropped_total", "reason", reason).increment();
    }

    public void optionDropped() {
        counter("dhcp4_options_dropped_total", "reason", "malformed").increment();
    }

    public void exchangeTook(Duration d) {
        exchange.record(d);
    }

    /** Current value of a counter, for tests and the status page. */
    public double count(String name, String value) {
        Counter c = counters.get(name + '|' + value);
        return c == null ? 0 : c.count();
    }
}
