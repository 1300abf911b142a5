package org.dhcpcluster.client.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dhcpcluster.client.load.LoadResult;
import org.dhcpcluster.client.load.LoadRun;
import org.dhcpcluster.client.load.LoadSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code client load v4|v6|4o6 --clients N --rate R (--relay LOCAL --server SERVER | --interface IF)
 * [--renew] [--release] [--duration S]}: many real client state machines against one server,
 * a progress line a second on stderr, the report (counts, lease rate, latency percentiles per
 * exchange, a JSON summary line) on stdout. Exit 0 when every client finished its script, 1 if
 * some did not.
 */
@Command(description = "Run N simulated clients against a server and report rates and latencies.",
        mixinStandardHelpOptions = true)
final class LoadCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FAMILY", description = "v4, v6 or 4o6")
    String family;

    @Option(names = "--clients", required = true, paramLabel = "N", description = "number of simulated clients")
    int clients;

    @Option(names = "--rate", required = true, paramLabel = "R", description = "clients started per second")
    double rate;

    @Option(names = "--relay", paramLabel = "LOCAL_ADDR",
            description = "act as a relay agent from this local address (giaddr / link-address)")
    String relay;

    @Option(names = "--server", paramLabel = "SERVER_ADDR", description = "server to relay to (with --relay)")
    String server;

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
            description = "stop after this many seconds at most (default: ${DEFAULT-VALUE})")
    long durationSeconds;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "seeds MACs and random choices, so runs are repeatable (default: ${DEFAULT-VALUE})")
    long seed;

    private final PrintStream out;

    LoadCommand(PrintStream out) {
        this.out = out;
    }

    /** The validated settings; {@link IllegalArgumentException} names what is wrong. */
    LoadSettings settings() {
        return new LoadSettings(Family.parse(family).label, clients, rate, address(relay), address(server),
                Optional.ofNullable(device), renew, release, Duration.ofSeconds(durationSeconds), seed, serverPort);
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
        LoadResult r = new LoadRun(s).run(System.err);
        r.reportLines().forEach(out::println);
        out.flush();
        return r.failures() == 0 ? 0 : 1;
    }
}
