package org.dhcpcluster.client.load;

import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import org.dhcpcluster.client.runtime.ScheduledTask;
import org.dhcpcluster.client.runtime.Scheduler;

/**
 * The script of a load run, on any {@link Scheduler}: which client starts when, what each is
 * asked to do, what counts as failed, and when the run is over. It knows clients only as
 * {@link SimulatedClient}s and their {@link ClientEvents}, so it runs as well on a fake clock
 * with scripted clients (the tests) as on the real one with state machines and a socket.
 *
 * <p>Clients 0..P-1 are the population of the {@link LoadPlan} (bound first, not measured),
 * clients P..P+N-1 the new clients. The measured phase starts once the whole population is
 * bound, or when the last population client has had the give-up time to bind (those without a
 * lease then are stopped: a storm is made of leases, not of clients still soliciting). In it,
 * new clients start at the settings' rate and renewals at the plan's; each new client and each
 * renewal is an attempt that either completes (a lease; an ACK or a NAK) or fails when the
 * give-up time passes first. A failed new client keeps trying, as a real one would: if it gets
 * a lease later it is a late lease, still a failure. The phase is over when every attempt has
 * completed or failed and every new client has finished its script (lease, then with
 * --renew its renewal at T1, with --release its release) or failed.
 *
 * <p>Runs on the scheduler's thread, except {@link #complete()}.
 */
final class Workload implements ClientEvents {
    /** Makes client {@code index}, which reports to {@code events}. */
    interface ClientFactory {
        SimulatedClient create(int index, ClientEvents events);
    }

    private enum Kind { LEASE, RENEWAL }

    /** A new client's wait for its first lease, or one renewal's wait for its answer. */
    private static final class Attempt {
        final Kind kind;
        final Instant start;
        boolean answered;
        boolean failed;

        Attempt(Kind kind, Instant start) {
            this.kind = kind;
            this.start = start;
        }
    }

    private final LoadSettings settings;
    private final LoadPlan plan;
    private final Scheduler clock;
    private final ExchangeMeter meter;
    private final LoadCounters counters;
    private final int population;
    private final SimulatedClient[] clients;
    private final Attempt[] attempts;
    private final BitSet everBound = new BitSet();
    private final BitSet renewedAtT1 = new BitSet();
    private final BitSet done = new BitSet();
    private final BitSet settled = new BitSet();

    private Instant populationStart;
    private int populationBound;
    private ScheduledTask populationDeadline = ScheduledTask.NONE;
    private PopulationPhase populationPhase;

    private Instant measuredStart;
    private SecondCurve curve;
    private int offersLeft;
    private int open;
    private int settledCount;
    private int renewalCursor;
    private int leasesOffered;
    private int leased;
    private int leasesFailed;
    private int lateLeases;
    private Instant lastLease;
    private int renewalsOffered;
    private int renewalsAcked;
    private int renewalsNaked;
    private int renewalsFailed;
    private int renewalsSkipped;
    private Instant firstRenewal;
    private Instant lastRenewalAnswer;
    private int naks;
    private volatile boolean complete;

    Workload(LoadSettings settings, Scheduler clock, ExchangeMeter meter, LoadCounters counters, ClientFactory factory) {
        this.settings = settings;
        this.plan = settings.plan();
        this.clock = clock;
        this.meter = meter;
        this.counters = counters;
        this.population = plan.population();
        int total = population + settings.clients();
        this.clients = new SimulatedClient[total];
        this.attempts = new Attempt[total];
        for (int i = 0; i < total; i++) {
            clients[i] = factory.create(i, this);
        }
    }

    /** Starts the run: the population if there is one, else the measured phase at once. */
    void begin() {
        if (population == 0) {
            startMeasured();
            return;
        }
        populationStart = clock.now();
        for (int i = 0; i < population; i++) {
            SimulatedClient c = clients[i];
            clock.schedule(offset(i, plan.populationRate()), c::start);
        }
        populationDeadline = clock.schedule(offset(population - 1, plan.populationRate()).plus(plan.giveUp()),
                this::endPopulation);
    }

    /** Whether the measured phase is over: everything offered completed or failed. */
    boolean complete() {
        return complete;
    }

    boolean measuring() {
        return curve != null;
    }

    private static Duration offset(int i, double perSecond) {
        return Duration.ofNanos((long) (i * 1e9 / perSecond));
    }

    private void endPopulation() {
        if (populationPhase != null) {
            return;
        }
        populationDeadline.cancel();
        for (int i = 0; i < population; i++) {
            if (!everBound.get(i)) {
                clients[i].stop();
            }
        }
        populationPhase = new PopulationPhase(population, populationBound, Duration.between(populationStart, clock.now()),
                meter.restart());
        startMeasured();
    }

    private void startMeasured() {
        measuredStart = clock.now();
        curve = new SecondCurve(measuredStart);
        counters.measuredStartEpochMillis.set(measuredStart.toEpochMilli());
        meter.listener(new ExchangeMeter.Listener() {
            @Override
            public void completed(String exchange, Duration latency) {
                curve.at(clock.now()).exchanges.record(latency);
            }

            @Override
            public void duplicate() {
                curve.at(clock.now()).duplicates++;
            }
        });
        offersLeft = settings.clients() + plan.renewals();
        for (int j = 0; j < settings.clients(); j++) {
            int c = population + j;
            clock.schedule(offset(j, settings.rate()), () -> offerNewClient(c));
        }
        for (int k = 0; k < plan.renewals(); k++) {
            clock.schedule(offset(k, plan.renewRate()), this::offerRenewal);
        }
        checkEnd();
    }

    private void offerNewClient(int i) {
        offersLeft--;
        Attempt a = open(i, Kind.LEASE);
        leasesOffered++;
        counters.started.incrementAndGet();
        curve.at(a.start).offered++;
        clients[i].start();
    }

    /** The next population client that holds a lease and is not renewing it, in turn; -1 if none does. */
    private int nextRenewable() {
        for (int tried = 0; tried < population; tried++) {
            int c = renewalCursor;
            renewalCursor = (renewalCursor + 1) % population;
            if (clients[c].isBound()) {
                return c;
            }
        }
        return -1;
    }

    private void offerRenewal() {
        offersLeft--;
        int i = nextRenewable();
        if (i < 0) {
            renewalsSkipped++;
            checkEnd();
            return;
        }
        Attempt a = open(i, Kind.RENEWAL);
        renewalsOffered++;
        counters.renewalsOffered.incrementAndGet();
        curve.at(a.start).renewalsOffered++;
        if (firstRenewal == null) {
            firstRenewal = a.start;
        }
        clients[i].renewNow();
    }

    private Attempt open(int i, Kind kind) {
        Attempt a = new Attempt(kind, clock.now());
        attempts[i] = a;
        open++;
        clock.schedule(plan.giveUp(), () -> giveUp(i, a));
        return a;
    }

    private void giveUp(int i, Attempt a) {
        if (a.answered || a.failed) {
            return;
        }
        a.failed = true;
        open--;
        counters.failed.incrementAndGet();
        curve.at(a.start).failed++;
        if (a.kind == Kind.LEASE) {
            leasesFailed++;
            settle(i);
        } else {
            renewalsFailed++;
        }
        checkEnd();
    }

    /** The attempt got its answer: it no longer holds the run open (a failed one already does not). */
    private void answer(Attempt a) {
        boolean wasOpen = !a.answered && !a.failed;
        a.answered = true;
        if (wasOpen) {
            open--;
            checkEnd();
        }
    }

    @Override
    public void bound(int i) {
        boolean first = !everBound.get(i);
        everBound.set(i);
        if (i < population) {
            if (first) {
                populationBound++;
                counters.populationBound.incrementAndGet();
                if (populationBound == population) {
                    endPopulation();
                }
            }
            return;             // a population client bound again after a NAK: not a measured lease
        }
        Attempt a = attempts[i];
        if (first) {
            counters.bound.incrementAndGet();
            leased++;
            lastLease = clock.now();
            curve.at(lastLease).leased++;
            if (a.failed) {
                lateLeases++;
            }
            answer(a);
        }
        if (!settings.renew()) {
            afterLease(i);
        }
    }

    @Override
    public void renewed(int i) {
        Attempt a = attempts[i];
        if (a != null && a.kind == Kind.RENEWAL && !a.answered) {
            if (!a.failed) {
                renewalsAcked++;
                counters.renewalsAnswered.incrementAndGet();
                lastRenewalAnswer = clock.now();
                curve.at(lastRenewalAnswer).renewed++;
            }
            answer(a);
            return;
        }
        if (i >= population && settings.renew() && !renewedAtT1.get(i)) {
            renewedAtT1.set(i);
            counters.renewed.incrementAndGet();
            afterLease(i);
        }
    }

    @Override
    public void nakReceived(int i) {
        counters.naks.incrementAndGet();
        if (curve != null) {
            naks++;
            curve.at(clock.now()).naks++;
        }
        Attempt a = attempts[i];
        if (a != null && a.kind == Kind.RENEWAL && !a.answered) {
            if (!a.failed) {
                renewalsNaked++;
                counters.renewalsAnswered.incrementAndGet();
                lastRenewalAnswer = clock.now();
            }
            answer(a);
        }
    }

    @Override
    public void released(int i) {
        counters.released.incrementAndGet();
        finish(i);
    }

    private void afterLease(int i) {
        if (settings.release()) {
            SimulatedClient c = clients[i];
            clock.schedule(Duration.ZERO, c::releaseIfBound);   // not from inside the client's own callback
        } else {
            finish(i);
        }
    }

    private void finish(int i) {
        if (!done.get(i)) {
            done.set(i);
            counters.done.incrementAndGet();
            settle(i);
        }
    }

    /** New client {@code i} needs nothing more from the run: it finished its script, or failed. */
    private void settle(int i) {
        if (!settled.get(i)) {
            settled.set(i);
            settledCount++;
            checkEnd();
        }
    }

    private void checkEnd() {
        if (curve != null && !complete && offersLeft == 0 && open == 0 && settledCount == settings.clients()) {
            complete = true;
        }
    }

    void stopAll() {
        for (SimulatedClient c : clients) {
            c.stop();
        }
    }

    /** The population phase, if there was one (null before it ended). */
    PopulationPhase populationPhase() {
        return populationPhase;
    }

    /** What the measured phase saw up to now; call once the run is over. */
    MeasuredPhase measuredPhase() {
        Instant now = clock.now();
        Instant start = measuredStart != null ? measuredStart : now;
        return new MeasuredPhase(start, Duration.between(start, now), leasesOffered, leased, leasesFailed, lateLeases,
                lastLease == null ? Duration.ZERO : Duration.between(start, lastLease), renewalsOffered, renewalsAcked,
                renewalsNaked, renewalsFailed, renewalsSkipped,
                firstRenewal == null || lastRenewalAnswer == null ? Duration.ZERO : Duration.between(firstRenewal, lastRenewalAnswer),
                meter.duplicates(), naks, curve != null ? curve : new SecondCurve(start));
    }
}
