package org.dhcpcluster.node.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.dhcpcluster.node.testing.KeaDhcp4;
import org.dhcpcluster.node.testing.NetnsTopology;
import org.dhcpcluster.node.testing.Perfdhcp;
import org.dhcpcluster.node.testing.PerfdhcpReport;
import org.dhcpcluster.node.testing.Tools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Our load mode and ISC perfdhcp against the same server (Kea, memfile) in one run, both as a
 * relay agent at 192.0.2.2 on the client segment (Kea's relayed subnet 203.0.113.0/24), the same
 * number of clients at the same requested rate. Prints both rates for comparison; asserts only
 * that every exchange completed (no timing thresholds: the machine may be busy). Our clients
 * release their leases, so perfdhcp finds the pool as full as ours did.
 */
@Tag("kea")
class LoadModeAndPerfdhcpTest {
    private static final int CLIENTS = 100;
    private static final int RATE = 100;

    @Test
    void loadModeAndPerfdhcpBothCompleteAgainstKea() {
        Tools.requireRootAndCommands("ip", "kea-dhcp4", "perfdhcp");
        try (NetnsTopology t = NetnsTopology.builder().label("load-vs-perfdhcp").withoutIpv6().create();
             KeaDhcp4 kea = KeaDhcp4.start(t)) {
            t.addAddress(t.clientNs(), t.clientIf(), "192.0.2.2/24");
            String server = t.serverAddress4().getHostAddress();
            String summary;
            try (ClientJar load = ClientJar.start(t, t.clientNs(), "load-v4", "load", "v4", "--clients",
                    String.valueOf(CLIENTS), "--rate", String.valueOf(RATE), "--relay", "192.0.2.2", "--server", server,
                    "--release", "--duration", "60")) {
                assertEquals(0, load.waitFor(Duration.ofSeconds(90)), load.output() + "\n" + kea.diagnostics());
                summary = load.awaitEvent("summary", Duration.ofSeconds(1));
                System.out.println("our load mode:\n" + load.stdout());
            }
            assertEquals(CLIENTS, (int) ClientJar.number(summary, "bound"), summary);
            assertEquals(CLIENTS, (int) ClientJar.number(summary, "released"), summary);
            assertEquals(0, (int) ClientJar.number(summary, "failures"), summary);

            PerfdhcpReport perf = Perfdhcp.v4().relayed("192.0.2.2", server).rate(RATE).clients(CLIENTS)
                    .maxExchanges(CLIENTS).run(t, t.clientNs(), Duration.ofSeconds(90));
            System.out.println("perfdhcp: " + perf);
            // perfdhcp stops once -n exchanges are initiated and waits only briefly for the last answers,
            // so its last exchange may be cut off by perfdhcp itself; a longer -W would distort its rate
            assertTrue(perf.leases() >= CLIENTS - 2, perf.toString());

            System.out.printf("RATES load-mode %.1f leases/s, perfdhcp %.1f exchanges/s (%d clients, requested %d/s)%n",
                    ClientJar.number(summary, "lease-rate"), perf.rate(), CLIENTS, RATE);
            assertTrue(ClientJar.number(summary, "exchanges") >= 2 * CLIENTS, summary);
        }
    }
}
