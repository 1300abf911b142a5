package org.dhcpcluster.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerfdhcpCommandTest {

    private static List<String> args(Perfdhcp p) {
        List<String> cmd = p.command();
        assertEquals("perfdhcp", Path.of(cmd.get(0)).getFileName().toString());
        return cmd.subList(1, cmd.size());
    }

    @Test
    void relayedLoadSendsUnicastFromTheLocalAddressAsGiaddr() {
        Perfdhcp p = Perfdhcp.v4().clients(1000).rate(200).period(Duration.ofSeconds(3)).maxExchanges(600)
                .exitWait(Duration.ofMillis(500)).relayed("198.51.100.2", "198.51.100.1");
        assertEquals(List.of("-4", "-R", "1000", "-r", "200", "-p", "3", "-n", "600", "-W", "500000",
                "-l", "198.51.100.2", "198.51.100.1"), args(p));
    }

    @Test
    void broadcastLoadGoesOutOfTheInterfaceTo255() {
        Perfdhcp p = Perfdhcp.v4().rate(50).broadcast("dct1a2bc0");
        assertEquals(List.of("-4", "-r", "50", "-B", "-l", "dct1a2bc0", "255.255.255.255"), args(p));
    }

    @Test
    void avalancheScenarioIsRequestedWithItsLongOption() {
        Perfdhcp p = Perfdhcp.v4().clients(100).avalanche().relayed("198.51.100.2", "198.51.100.1");
        assertEquals(List.of("-4", "-R", "100", "--scenario", "avalanche", "-l", "198.51.100.2", "198.51.100.1"), args(p));
    }

    @Test
    void v6MulticastLoadGoesFromTheInterfaceToAllRelayAgentsAndServers() {
        Perfdhcp p = Perfdhcp.v6().clients(200).rate(100).maxExchanges(200).period(Duration.ofSeconds(5))
                .exitWait(Duration.ofMillis(500)).multicast("dct1a2bc0");
        assertEquals(List.of("-6", "-R", "200", "-r", "100", "-n", "200", "-p", "5", "-W", "500000",
                "-l", "dct1a2bc0", "all"), args(p));
    }

    @Test
    void v6RelayedLoadIsOneLevelOfRelayForwFromTheLocalAddress() {
        Perfdhcp p = Perfdhcp.v6().clients(200).rate(100).relayed("2001:db8:2::1", "2001:db8:ff::1");
        assertEquals(List.of("-6", "-R", "200", "-r", "100", "-A", "1", "-l", "2001:db8:2::1", "2001:db8:ff::1"), args(p));
    }

    @Test
    void eachFamilyRefusesTheOthersWayOfReachingALink() {
        assertThrows(IllegalStateException.class, () -> Perfdhcp.v6().broadcast("dct1a2bc0"));
        assertThrows(IllegalStateException.class, () -> Perfdhcp.v4().multicast("dct1a2bc0"));
    }

    @Test
    void aTargetIsMandatory() {
        assertThrows(IllegalStateException.class, () -> Perfdhcp.v4().rate(10).command());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Perfdhcp.v6().rate(10).command());
        assertTrue(e.getMessage().contains("multicast"), e.getMessage());
    }
}
