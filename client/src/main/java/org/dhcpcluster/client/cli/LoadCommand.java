package org.dhcpcluster.client.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dhcpcluster.client.load.LoadPlan;
import org.dhcpcluster.client.load.LoadResult;
import org.dhcpcluster.client.load.LoadRun;
import org.dhcpcluster.client.load.LoadSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code client load v4|v6|4o6 --clients N --rate R (--relay LOCAL --server SERVER[,SERVER...] | --interface IF)
 * [--renew] [--release] [--duration S] [--population M --population-rate B [--renewals K] --renew-rate R2]
 * [--give-up S] [--settle S] [--per-second] [--self-warm-up N] [--start-when FILE]}: many real client state machines against one server
 * (or every server of a list, as a relay agent with several servers), a progress line a second
 * on stderr, the report (counts, lease rate, latency percentiles per exchange, failures, JSON
 * lines "measured" and "summary", with --per-second one JSON line per second) on stdout. Exit 0
 * when every new client finished its script and every renewal was answered, 1 otherwise.
 *
 * <p>A renewal storm: {@code --clients 0 --population 100000 --population-rate 800 --renew-rate 1667}
 * binds 100,000 clients, then has each renew once over 60 s. A cold start: {@code --clients 60000
 * --rate 1000 --per-second}. A warm cluster under mixed load: {@code --population 6000
 * --population-rate 300 --clients 54000 --rate 300 --renewals 18000 --renew-rate 100}.
 */
@Command(description = "Run N simulated clients against a server and report rates and latencies.",
        mixinStandardHelpOptions = true)
final class LoadCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FAMILY", description = "v4, v6 or 4o6")
    String family;

    @Option(names = "--clients", required = true, paramLabel = "N",
            description = "number of new simulated clients in the measured phase (0 with --population and renewals)")
    int clients;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "0", description = "new clients started per second")
    double rate;

    @Option(names = "--relay", paramLabel = "LOCAL_ADDR",
            description = "act as a relay agent from this local address (giaddr / link-address)")
    String relay;

    @Option(names = "--server", paramLabel = "SERVER_ADDR", split = ",",
            description = "server(s) to relay to (with --relay); with several, every message goes to each")
    List<String> servers = new ArrayList<>();

    @Option(names = "--server-port", paramLabel = "PORT", defaultValue = "0",
            description = "the server's port, which the relay also listens on (default: 67 or 547)")
    int serverPort;

    @Option(names = "--interface", paramLabel = "IF", description = "run the clients directly on this interface")
    String device;

    @Option(names = "--renew", description = "each client also waits for its first renewal (at the server's T1)")
    boolean renew;

    @Option(names = "--release", description = "each client releases its lease at the end of its script")
    boolean release;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "60",
            description = "stop the measured phase (after the population) after this many seconds at most (default: ${DEFAULT-VALUE})")
    long durationSeconds;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "seeds MACs and random choices, so runs are repeatable (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--population", paramLabel = "M", defaultValue = "0",
            description = "clients bound before the measured phase, not measured; renewals come from them (default: ${DEFAULT-VALUE})")
    int population;

    @Option(names = "--population-rate", paramLabel = "B", defaultValue = "500",
            description = "population clients started per second; pick a rate the server sustains (default: ${DEFAULT-VALUE})")
    double populationRate;

    @Option(names = "--renewals", paramLabel = "K", defaultValue = "-1",
            description = "renewals in the measured phase, population clients in turn (default: one per population client with --renew-rate)")
    int renewals;

    @Option(names = "--renew-rate", paramLabel = "R2", defaultValue = "0",
            description = "renewals per second: a population client renews now instead of at T1")
    double renewRate;

    @Option(names = "--give-up", paramLabel = "S", defaultValue = "28",
            description = "a new client without a lease, or a renewal without an answer, after S s has failed "
                    + "(default: ${DEFAULT-VALUE}, RFC 2131's retransmission waits 4 + 8 + 16 s)")
    long giveUpSeconds;

    @Option(names = "--settle", paramLabel = "S", defaultValue = "10",
            description = "also report exchange latencies from S s into the measured phase on (default: ${DEFAULT-VALUE})")
    long settleSeconds;

    @Option(names = "--self-warm-up", paramLabel = "N", defaultValue = "20000",
            description = "first run the load generator's own code on N in-process clients, sending nothing, so that "
                    + "its JIT compilation does not make it send in bursts (0: none; default: ${DEFAULT-VALUE})")
    int selfWarmUp;

    @Option(names = "--start-when", paramLabel = "FILE",
            description = "once warmed up and listening, wait until FILE exists, then begin (a script starts the "
                    + "run the moment a server reports ready)")
    Path startWhen;

    @Option(names = "--per-second", description = "print the measured phase second by second, one JSON line each")
    boolean perSecond;

    private final PrintStream out;

    LoadCommand(PrintStream out) {
        this.out = out;
    }

    /** The validated settings; {@link IllegalArgumentException} names what is wrong. */
    LoadSettings settings() {
        int renewalCount = renewals >= 0 ? renewals : renewRate > 0 ? population : 0;
        LoadPlan plan = new LoadPlan(population, populationRate, renewalCount, renewRate, Duration.ofSeconds(giveUpSeconds),
                Duration.ofSeconds(settleSeconds), perSecond);
        List<InetAddress> serverAddresses = new ArrayList<>();
        for (String s : servers) {
            serverAddresses.add(address(s).orElseThrow());
        }
        return new LoadSettings(Family.parse(family).label, clients, rate, address(relay), serverAddresses,
                Optional.ofNullable(device), renew, release, Duration.ofSeconds(durationSeconds), seed, serverPort, plan);
    }

    /** Address literals only: a load generator must not wait on DNS. */
    private static Optional<InetAddress> address(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (!text.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("not an address literal: " + text);
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + text, e);
        }
    }

    @Override
    public Integer call() {
        LoadSettings s = settings();
        if (s.relayed() && s.family().equals("v4") != (s.relayAddress().get() instanceof java.net.Inet4Address)) {
            throw new IllegalArgumentException("--relay must be an " + (s.family().equals("v4") ? "IPv4" : "IPv6") + " address");
        }
        if (selfWarmUp != 0 && selfWarmUp < 4) {
            throw new IllegalArgumentException("--self-warm-up is 0 or at least 4: " + selfWarmUp);
        }
        LoadResult r = new LoadRun(s, selfWarmUp, Optional.ofNullable(startWhen)).run(System.err);
        r.reportLines().forEach(out::println);
        out.flush();
        return r.failed() ? 1 : 0;
    }
}
