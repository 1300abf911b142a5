package org.dhcpcluster.client.cli;

import picocli.CommandLine.Command;

/** The top of the command line: {@code client v4|v6|4o6 ...} for one real client, {@code client load ...} for many. */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = "DHCPv4, DHCPv6 and DHCPv4-over-DHCPv6 client and load generator.")
final class ClientCommand {
}
