package org.dhcpcluster.client.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.dhcpcluster.client.runtime.FakeScheduler;
import org.junit.jupiter.api.Test;

/** The script of a load run on a fake clock: phases, rates, give-up, renewals, the per-second curve. */
class WorkloadTest {
    private static final Duration GIVE_UP = Duration.ofSeconds(28);

    private final FakeScheduler clock = new FakeScheduler();
    private final ExchangeMeter meter = new ExchangeMeter(clock);
    private final LoadCounters counters = new LoadCounters();
    private final ScriptedClients clients = new ScriptedClients(clock, meter);

    private static LoadSettings settings(int clients, double rate, LoadPlan plan, boolean release) {
        try {
            return new LoadSettings("v4", clients, rate, Optional.of(InetAddress.getByName("198.51.100.2")),
                    List.of(InetAddress.getByName("198.51.100.1")), Optional.empty(), false, release,
                    Duration.ofSeconds(600), 1, 0, plan);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static LoadPlan plan(int population, double populationRate, int renewals, double renewRate) {
        return new LoadPlan(population, populationRate, renewals, renewRate, GIVE_UP, Duration.ofSeconds(2), true);
    }

    private Workload begin(LoadSettings s) {
        Workload w = new Workload(s, clock, meter, counters, clients);
        w.begin();
        return w;
    }

    /** Runs the fake clock until the measured phase is over; fails if it never is. */
    private Instant runToCompletion(Workload w) {
        while (!w.complete()) {
            assertTrue(clock.runNext(), "nothing left to run, yet the run is not complete");
        }
        return clock.now();
    }

    @Test
    void newClientsStartAtTheRateAndEachSecondCountsItsOfferedAndLeased() {
        Workload w = begin(settings(50, 10, LoadPlan.NEW_CLIENTS_ONLY, false));
        Instant end = runToCompletion(w);

        MeasuredPhase m = w.measuredPhase();
        assertEquals(Duration.ofMillis(4905), Duration.between(m.start(), end), "last client starts at 4.9 s, bound 5 ms later");
        assertEquals(50, m.leased());
        assertEquals(0, m.leasesFailed());
        assertEquals(List.of(10, 10, 10, 10, 10), m.curve().seconds().stream().map(SecondCurve.Second::offered).toList());
        assertEquals(List.of(10, 10, 10, 10, 10), m.curve().seconds().stream().map(SecondCurve.Second::leased).toList());
        assertEquals(Duration.ofMillis(5), m.curve().seconds().get(3).exchanges().percentile(99));
        assertEquals(50, counters.done());
    }

    @Test
    void aClientWithoutALeaseAfterTheGiveUpTimeFailsInTheSecondItWasOffered() {
        clients.ignored.addAll(List.of(12, 13));          // both offered in second 1 (10 per second)
        Workload w = begin(settings(30, 10, LoadPlan.NEW_CLIENTS_ONLY, false));
        Instant end = runToCompletion(w);

        MeasuredPhase m = w.measuredPhase();
        assertEquals(2, m.leasesFailed());
        assertEquals(28, m.leased());
        assertEquals(2, m.curve().seconds().get(1).failed());
        assertEquals(0, m.curve().seconds().get(2).failed());
        assertEquals(m.start().plus(Duration.ofMillis(1300)).plus(GIVE_UP), end, "over when the last of them gives up");
        assertEquals(2, counters.failed());
    }

    @Test
    void aRenewalStormBindsThePopulationFirstThenRenewsEachClientOnceAtTheRenewRate() {
        Workload w = begin(settings(0, 0, plan(40, 20, 40, 8), false));
        Instant end = runToCompletion(w);

        PopulationPhase p = w.populationPhase();
        assertEquals(40, p.bound());
        assertEquals(Duration.ofMillis(1955), p.elapsed(), "the last of 40 at 20/s starts at 1.95 s");
        assertEquals(40, p.latencies().get("DISCOVER-OFFER").count(), "the population's latencies are kept apart");
        MeasuredPhase m = w.measuredPhase();
        assertEquals(40, m.renewalsOffered());
        assertEquals(40, m.renewalsAcked());
        assertEquals(0, m.renewalsFailed());
        assertEquals(IntStream.range(0, 40).boxed().toList(), clients.renewalsPerClient.keySet().stream().sorted().toList());
        assertTrue(clients.renewalsPerClient.values().stream().allMatch(n -> n == 1), "each renews once");
        assertEquals(Duration.ofMillis(4880), m.renewalWindow(), "first sent at 0, last (at 4.875 s) answered 5 ms later");
        assertEquals(40 / 4.88, m.renewalRate(), 1e-9);
        assertEquals(List.of(8, 8, 8, 8, 8), m.curve().seconds().stream().map(SecondCurve.Second::renewed).toList());
        assertEquals(m.start().plus(Duration.ofMillis(4880)), end);
        assertFalse(meter.snapshot().containsKey("DISCOVER-OFFER"), "measured latencies are the renewals' only");
    }

    @Test
    void populationClientsWithoutALeaseAreStoppedAndNeverAskedToRenew() {
        clients.ignored.add(3);
        Workload w = begin(settings(0, 0, plan(10, 10, 10, 10), false));
        runToCompletion(w);

        assertEquals(9, w.populationPhase().bound());
        assertTrue(clients.clients.get(3).stopped);
        assertFalse(clients.renewalsPerClient.containsKey(3));
        MeasuredPhase m = w.measuredPhase();
        assertEquals(10, m.renewalsOffered(), "the renewal meant for client 3 goes to the next one with a lease");
        assertEquals(0, m.renewalsSkipped());
    }

    @Test
    void unansweredRenewalsFailAndRefusedOnesCountAsAnsweredWithANak() {
        clients.renewalsIgnored.add(1);
        clients.renewalsRefused.add(2);
        Workload w = begin(settings(0, 0, plan(5, 100, 5, 5), false));
        runToCompletion(w);

        MeasuredPhase m = w.measuredPhase();
        assertEquals(1, m.renewalsFailed());
        assertEquals(1, m.renewalsNaked());
        assertEquals(3, m.renewalsAcked());
        assertEquals(1, m.naks());
        assertEquals(1, m.curve().seconds().get(0).failed(), "client 1's renewal was offered in second 0");
    }

    @Test
    void newClientsAndRenewalsTogetherCycleThroughThePopulation() {
        Workload w = begin(settings(30, 10, plan(4, 100, 12, 4), false));
        runToCompletion(w);

        MeasuredPhase m = w.measuredPhase();
        assertEquals(30, m.leased());
        assertEquals(12, m.renewalsAcked());
        assertTrue(clients.renewalsPerClient.values().stream().allMatch(n -> n == 3), clients.renewalsPerClient.toString());
        assertEquals(List.of(10, 10, 10), m.curve().seconds().stream().map(SecondCurve.Second::offered).toList());
        assertEquals(List.of(4, 4, 4), m.curve().seconds().stream().map(SecondCurve.Second::renewalsOffered).toList());
    }

    @Test
    void aSecondAnswerToOneDiscoverIsCountedAsADuplicateInItsSecond() {
        clients.answeredTwice.add(15);
        Workload w = begin(settings(20, 10, LoadPlan.NEW_CLIENTS_ONLY, false));
        runToCompletion(w);

        assertEquals(1, w.measuredPhase().duplicates());
        assertEquals(1, w.measuredPhase().curve().seconds().get(1).duplicates());
    }

    @Test
    void withReleaseAClientIsDoneOnlyOnceItHasReleased() {
        Workload w = begin(settings(5, 10, LoadPlan.NEW_CLIENTS_ONLY, true));
        runToCompletion(w);

        assertEquals(5, counters.released());
        assertEquals(5, counters.done());
        assertTrue(clients.clients.values().stream().allMatch(c -> c.released));
    }

    @Test
    void latenciesAfterTheSettleTimeLeaveOutTheFirstSeconds() {
        Workload w = begin(settings(40, 10, LoadPlan.NEW_CLIENTS_ONLY, false));
        clients.latency = Duration.ofMillis(500);             // a cold server, for the first clients only
        clock.advance(Duration.ofMillis(1450));
        clients.latency = Duration.ofMillis(5);
        runToCompletion(w);

        LatencyStats settled = w.measuredPhase().latenciesAfter(Duration.ofSeconds(2));
        assertEquals(20, settled.count());
        assertEquals(Duration.ofMillis(5), settled.max());
    }
}
