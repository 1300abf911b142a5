package org.dhcpcluster.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.client.load.LoadPlan;
import org.dhcpcluster.client.load.LoadSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class CommandLineTest {
    private static final CommandLine CLI = Main.commandLine(new PrintStream(PrintStream.nullOutputStream()));

    private static ParseResult parse(String... args) {
        return Main.commandLine(new PrintStream(PrintStream.nullOutputStream())).parseArgs(args);
    }

    private static LeaseCommand lease(ParseResult r) {
        return (LeaseCommand) r.subcommand().commandSpec().userObject();
    }

    private static LoadCommand load(ParseResult r) {
        return (LoadCommand) r.subcommand().commandSpec().userObject();
    }

    @Test
    void singleLeaseCommandsForEachFamily() {
        for (String family : List.of("v4", "v6", "4o6")) {
            LeaseCommand c = lease(parse(family, "--interface", "eth0"));
            assertEquals(family, c.family.label);
            assertEquals("eth0", c.device);
            assertFalse(c.once);
            assertFalse(c.releaseAtOnce);
            assertEquals(60, c.timeoutSeconds);
        }
        LeaseCommand c = lease(parse("v4", "--interface", "eth1", "--once", "--release", "--mac", "02:00:5e:00:53:01"));
        assertTrue(c.once);
        assertTrue(c.releaseAtOnce);
        assertEquals("02:00:5e:00:53:01", c.mac);
    }

    @Test
    void theInterfaceIsRequiredAndUnknownFamiliesAreRefused() {
        assertThrows(CommandLine.MissingParameterException.class, () -> parse("v4"));
        assertThrows(CommandLine.UnmatchedArgumentException.class, () -> parse("v5", "--interface", "eth0"));
        assertEquals(2, CLI.execute("v6"), "picocli's usage-error exit code");
    }

    @Test
    void loadModeRelayed() throws Exception {
        LoadSettings s = load(parse("load", "v4", "--clients", "200", "--rate", "50.5", "--relay", "192.0.2.2",
                "--server", "192.0.2.1", "--renew", "--release", "--duration", "30")).settings();
        assertEquals("v4", s.family());
        assertEquals(200, s.clients());
        assertEquals(50.5, s.rate());
        assertEquals(Optional.of(InetAddress.getByName("192.0.2.2")), s.relayAddress());
        assertEquals(List.of(InetAddress.getByName("192.0.2.1")), s.servers());
        assertTrue(s.relayed() && s.renew() && s.release());
        assertEquals(Duration.ofSeconds(30), s.maxDuration());
    }

    @Test
    void loadModeOnAnInterfaceWithDefaults() {
        LoadSettings s = load(parse("load", "4o6", "--clients", "3", "--rate", "1", "--interface", "eth0")).settings();
        assertEquals("4o6", s.family());
        assertEquals(Optional.of("eth0"), s.device());
        assertFalse(s.relayed() || s.renew() || s.release());
        assertEquals(Duration.ofSeconds(60), s.maxDuration());
        assertEquals(0, s.plan().population());
        assertEquals(0, s.plan().renewals());
        assertEquals(LoadPlan.DEFAULT_GIVE_UP, s.plan().giveUp());
        assertFalse(s.plan().perSecond());
    }

    @Test
    void aRenewalStormIsAPopulationWithOneRenewalEachAtTheRenewRate() throws Exception {
        LoadSettings s = load(parse("load", "v6", "--clients", "0", "--population", "10000", "--population-rate", "800",
                "--renew-rate", "500", "--relay", "2001:db8:2::2", "--server", "2001:db8:2::1", "--per-second")).settings();
        assertEquals(0, s.clients());
        assertEquals(new LoadPlan(10000, 800, 10000, 500, Duration.ofSeconds(28), Duration.ofSeconds(10), true), s.plan());
    }

    @Test
    void aRelayMaySendToSeveralServersAndRenewalsMayCycleThroughThePopulation() throws Exception {
        LoadSettings s = load(parse("load", "v4", "--clients", "900", "--rate", "300", "--population", "100",
                "--renewals", "300", "--renew-rate", "100", "--give-up", "20", "--relay", "198.51.100.1",
                "--server", "192.0.2.11,192.0.2.12,192.0.2.13")).settings();
        assertEquals(List.of(InetAddress.getByName("192.0.2.11"), InetAddress.getByName("192.0.2.12"),
                InetAddress.getByName("192.0.2.13")), s.servers());
        assertEquals(300, s.plan().renewals());
        assertEquals(Duration.ofSeconds(20), s.plan().giveUp());
    }

    @Test
    void aColdStartRunWaitsForItsStartFileAfterWarmingUp() {
        LoadCommand c = load(parse("load", "v4", "--clients", "60000", "--rate", "1000", "--relay", "198.51.100.2",
                "--server", "198.51.100.1", "--start-when", "/tmp/go", "--self-warm-up", "5000"));
        assertEquals(Path.of("/tmp/go"), c.startWhen);
        assertEquals(5000, c.selfWarmUp);
        assertEquals(20000, load(parse("load", "v4", "--clients", "1", "--rate", "1", "--interface", "eth0")).selfWarmUp);
    }

    @Test
    void renewalsWithoutAPopulationOrAnythingToMeasureAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> load(parse("load", "v4", "--clients", "10", "--rate", "1",
                "--renewals", "5", "--renew-rate", "1", "--interface", "eth0")).settings(), "nobody to renew");
        assertThrows(IllegalArgumentException.class, () -> load(parse("load", "v4", "--clients", "0", "--population", "5",
                "--interface", "eth0")).settings(), "a population alone measures nothing");
        assertThrows(IllegalArgumentException.class, () -> load(parse("load", "v4", "--clients", "10",
                "--interface", "eth0")).settings(), "new clients need a rate");
    }

    @Test
    void loadModeRefusesContradictionsAndNames() {
        assertThrows(IllegalArgumentException.class, () -> load(parse("load", "v4", "--clients", "3", "--rate", "1"))
                .settings(), "neither relay nor interface");
        assertThrows(IllegalArgumentException.class, () -> load(parse("load", "v4", "--clients", "3", "--rate", "1",
                "--relay", "192.0.2.2", "--server", "192.0.2.1", "--interface", "eth0")).settings());
        assertThrows(IllegalArgumentException.class, () -> load(parse("load", "v4", "--clients", "3", "--rate", "1",
                "--relay", "192.0.2.2")).settings(), "--relay without --server");
        assertThrows(IllegalArgumentException.class, () -> load(parse("load", "v6", "--clients", "3", "--rate", "1",
                "--relay", "relay.example", "--server", "2001:db8::1")).settings(), "no DNS names");
        assertThrows(IllegalArgumentException.class, () -> load(parse("load", "v4", "--clients", "0", "--rate", "1",
                "--interface", "eth0")).settings());
        assertThrows(IllegalArgumentException.class, () -> load(parse("load", "v4", "--clients", "1", "--rate", "0",
                "--interface", "eth0")).settings());
        assertThrows(IllegalArgumentException.class, () -> load(parse("load", "v7", "--clients", "1", "--rate", "1",
                "--interface", "eth0")).settings());
        assertThrows(CommandLine.MissingParameterException.class, () -> parse("load", "v4", "--rate", "1",
                "--interface", "eth0"));
    }

    @Test
    void macsParseInTheUsualNotations() {
        assertEquals("02:00:5e:00:53:01", Macs.format(Macs.parse("02-00-5E-00-53-01")));
        assertEquals("02:00:5e:00:53:01", Macs.format(Macs.parse("0200.5e00.5301")));
        assertThrows(IllegalArgumentException.class, () -> Macs.parse("02:00:5e"));
    }
}
