package org.dhcpcluster.client.cli;

import java.io.PrintStream;
import picocli.CommandLine;

/**
 * Entry point of {@code dhcp-client.jar}:
 * <pre>
 *   client v4|v6|4o6 --interface IF [--release] [--once] [--mac MAC] [--timeout S]
 *   client load v4|v6|4o6 --clients N --rate R (--relay LOCAL_ADDR --server SERVER_ADDR[,...] | --interface IF)
 *                         [--renew] [--release] [--duration S] [--population M --population-rate B]
 *                         [--renewals K] [--renew-rate R2] [--give-up S] [--settle S] [--per-second]
 * </pre>
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.out).execute(args));
    }

    /** The parser with every subcommand, printing results to {@code out}; tests parse with it. */
    static CommandLine commandLine(PrintStream out) {
        CommandLine cl = new CommandLine(new ClientCommand());
        for (Family f : Family.values()) {
            cl.addSubcommand(f.label, new LeaseCommand(f, out));
        }
        cl.addSubcommand("load", new LoadCommand(out));
        return cl;
    }
}
