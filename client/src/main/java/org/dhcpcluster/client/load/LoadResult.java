package org.dhcpcluster.client.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a load run measured, and the report the CLI prints: the counts, the lease rate (first
 * leases per second, from the start of the measured phase to the last client's first lease, the
 * figure perfdhcp calls its rate), p50/p90/p99 latency per exchange type, then what
 * {@link PhaseReport} says about the population, the new clients, the renewals and each second.
 * Counts and latencies are those of the measured phase: a population bound beforehand has a
 * line of its own.
 */
public record LoadResult(LoadSettings settings, int started, int bound, int renewed, int released, int naks, int done,
                         Map<String, LatencyStats> latencies, long sendFailures, Optional<PopulationPhase> population,
                         MeasuredPhase measured) {

    /** New clients that did not finish their script (no lease, or no renewal / release) before the run ended. */
    public int failures() {
        return settings.clients() - done;
    }

    /** What makes the run a failure: unfinished new clients and unanswered renewals. */
    public boolean failed() {
        return failures() > 0 || measured.renewalsFailed() > 0;
    }

    /** Completed exchanges of every type. */
    public int exchanges() {
        return latencies.values().stream().mapToInt(LatencyStats::count).sum();
    }

    public Duration elapsed() {
        return measured.elapsed();
    }

    public double leaseRate() {
        return measured.leaseRate();
    }

    /** Human-readable lines, then JSON lines for scripts, the "summary" last. */
    public List<String> reportLines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "clients %d (%s%s), started %d, bound %d, renewed %d, released %d, naks %d, failures %d",
                settings.clients(), settings.family(), settings.relayed() ? " relayed" : " on " + settings.device().orElse(""),
                started, bound, renewed, released, naks, failures()));
        PhaseReport phases = new PhaseReport(settings, population, measured);
        out.addAll(phases.populationLines());
        out.add(String.format(Locale.ROOT, "exchanges completed %d in %.2f s; lease rate %.1f leases/s (%d leases in %.2f s)",
                exchanges(), elapsed().toNanos() / 1e9, leaseRate(), bound, measured.leaseWindow().toNanos() / 1e9));
        latencies.forEach((name, stats) -> out.add(String.format(Locale.ROOT, "  %-18s n=%-7d p50=%s p90=%s p99=%s max=%s",
                name, stats.count(), ms(stats.percentile(50)), ms(stats.percentile(90)), ms(stats.percentile(99)),
                ms(stats.max()))));
        out.addAll(phases.measuredLines());
        if (sendFailures > 0) {
            out.add("send failures " + sendFailures);
        }
        if (settings.plan().perSecond()) {
            out.addAll(measured.curve().jsonLines());
        }
        out.add(phases.measuredJson(latencies));
        out.add(summaryJson());
        return out;
    }

    private String summaryJson() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "{\"event\":\"summary\",\"family\":\"%s\",\"clients\":%d,\"started\":%d,\"bound\":%d,\"renewed\":%d,"
                        + "\"released\":%d,\"naks\":%d,\"failures\":%d,\"exchanges\":%d,\"lease-rate\":%.1f,\"elapsed\":%.3f,"
                        + "\"latency-ms\":{",
                settings.family(), settings.clients(), started, bound, renewed, released, naks, failures(), exchanges(),
                leaseRate(), elapsed().toNanos() / 1e9));
        boolean first = true;
        for (Map.Entry<String, LatencyStats> e : latencies.entrySet()) {
            LatencyStats s = e.getValue();
            sb.append(first ? "" : ",").append(String.format(Locale.ROOT, "\"%s\":{\"n\":%d,\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f}",
                    e.getKey(), s.count(), msValue(s.percentile(50)), msValue(s.percentile(90)), msValue(s.percentile(99))));
            first = false;
        }
        return sb.append("}}").toString();
    }

    static double msValue(Duration d) {
        return d.toNanos() / 1e6;
    }

    static String ms(Duration d) {
        return String.format(Locale.ROOT, "%.2fms", msValue(d));
    }
}
