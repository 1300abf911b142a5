package org.dhcpcluster.client.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The report lines about phases: the population bound first, the new clients and renewals of
 * the measured phase with their failures, latencies once settled, and one JSON line
 * ("measured") that benchmark scripts read instead of parsing sentences.
 */
final class PhaseReport {
    private final LoadSettings settings;
    private final Optional<PopulationPhase> population;
    private final MeasuredPhase measured;
    private final LatencyStats settledLatencies;

    PhaseReport(LoadSettings settings, Optional<PopulationPhase> population, MeasuredPhase measured) {
        this.settings = settings;
        this.population = population;
        this.measured = measured;
        this.settledLatencies = measured.latenciesAfter(settings.plan().settle());
    }

    List<String> populationLines() {
        return population.map(p -> List.of(String.format(Locale.ROOT,
                "population: %d clients bound %d in %.1f s (%.0f/s), not measured; %d without a lease were stopped",
                p.clients(), p.bound(), seconds(p.elapsed()), p.bound() / Math.max(seconds(p.elapsed()), 1e-9), p.notBound())))
                .orElse(List.of());
    }

    List<String> measuredLines() {
        List<String> out = new ArrayList<>();
        long giveUp = settings.plan().giveUp().toSeconds();
        if (settings.clients() > 0) {
            out.add(String.format(Locale.ROOT, "new clients: offered %d, leased %d, failed %d (no lease within %d s; %d of them leased later)",
                    measured.leasesOffered(), measured.leased(), measured.leasesFailed(), giveUp, measured.lateLeases()));
        }
        if (settings.plan().renewals() > 0) {
            out.add(String.format(Locale.ROOT, "renewals: offered %d of %d (%d skipped: no client with a lease free to renew), "
                            + "answered %d (ACK %d, NAK %d), failed %d (no answer within %d s)",
                    measured.renewalsOffered(), settings.plan().renewals(), measured.renewalsSkipped(),
                    measured.renewalsAcked() + measured.renewalsNaked(), measured.renewalsAcked(), measured.renewalsNaked(),
                    measured.renewalsFailed(), giveUp));
            out.add(String.format(Locale.ROOT, "renewal rate %.1f renewals/s sustained (%d acknowledged from the first renewal sent to the last answered, %.2f s)",
                    measured.renewalRate(), measured.renewalsAcked(), seconds(measured.renewalWindow())));
        }
        if (settledLatencies.count() > 0) {
            out.add(String.format(Locale.ROOT, "exchanges completed after the first %d s: n=%d p50=%s p90=%s p99=%s",
                    settings.plan().settle().toSeconds(), settledLatencies.count(), LoadResult.ms(settledLatencies.percentile(50)),
                    LoadResult.ms(settledLatencies.percentile(90)), LoadResult.ms(settledLatencies.percentile(99))));
        }
        out.add(String.format(Locale.ROOT, "duplicate answers %d, DHCPNAKs %d", measured.duplicates(), measured.naks()));
        return out;
    }

    /** The measured phase in one JSON line; latencies in ms, null where nothing completed. */
    String measuredJson(Map<String, LatencyStats> latencies) {
        LatencyStats renewals = latencies.get(settings.family().equals("v6") ? "RENEW-REPLY" : "RENEW-ACK");
        PopulationPhase p = population.orElse(new PopulationPhase(0, 0, Duration.ZERO, Map.of()));
        return String.format(Locale.ROOT, "{\"event\":\"measured\",\"start-epoch-ms\":%d,\"elapsed\":%.3f,"
                        + "\"population\":%d,\"population-bound\":%d,\"population-seconds\":%.3f,"
                        + "\"offered\":%d,\"leased\":%d,\"lease-failed\":%d,\"late-leases\":%d,\"lease-rate\":%.1f,"
                        + "\"renewals\":%d,\"renewals-acked\":%d,\"renewals-naked\":%d,\"renewals-failed\":%d,\"renewals-skipped\":%d,"
                        + "\"renewal-rate\":%.1f,\"renewal-window\":%.3f,\"duplicates\":%d,\"naks\":%d,\"give-up\":%d,\"settle\":%d,"
                        + "\"settled-ms\":%s,\"renewal-ms\":%s}",
                measured.start().toEpochMilli(), seconds(measured.elapsed()), p.clients(), p.bound(), seconds(p.elapsed()),
                measured.leasesOffered(), measured.leased(), measured.leasesFailed(), measured.lateLeases(), measured.leaseRate(),
                measured.renewalsOffered(), measured.renewalsAcked(), measured.renewalsNaked(), measured.renewalsFailed(),
                measured.renewalsSkipped(), measured.renewalRate(), seconds(measured.renewalWindow()), measured.duplicates(),
                measured.naks(), settings.plan().giveUp().toSeconds(), settings.plan().settle().toSeconds(),
                percentiles(settledLatencies), percentiles(renewals));
    }

    private static String percentiles(LatencyStats s) {
        if (s == null || s.count() == 0) {
            return "null";
        }
        return String.format(Locale.ROOT, "{\"n\":%d,\"p50\":%s,\"p90\":%s,\"p99\":%s}", s.count(),
                SecondCurve.ms(s, 50), SecondCurve.ms(s, 90), SecondCurve.ms(s, 99));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
