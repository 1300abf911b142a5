package org.dhcpcluster.node.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import org.dhcpcluster.lease.partition.FloodLimits;
import org.dhcpcluster.lease.v6.policy.OptionData6;
import org.dhcpcluster.lease.v6.policy.Subnet6;
import org.dhcpcluster.lease.v6.space.Address128;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Policy6ReaderTest {
    @TempDir
    Path dir;

    private static final String V4 = "dhcp.v4 { service-address = \"192.0.2.1\", subnets = [ { id = 1, subnet = \"192.0.2.0/24\" } ] }\n";
    private static final String LAN = """
            { id = 1, subnet = "2001:db8:1::/64", interface = "veth0",
              pools = ["2001:db8:1::1000 - 2001:db8:1::ffff"],
              pd-pools = [ { prefix = "2001:db8:100::/40", delegated-length = 56 } ],
              options { dns-servers = ["2001:db8:1::53"], domain-search = ["example.com"] } }
            """;

    private NodeConfig load(String v6) throws IOException {
        Path f = dir.resolve("node.conf");
        Files.writeString(f, V4 + "dhcp.v6 {\n" + v6 + "\n}\n");
        return NodeConfigLoader.load(f);
    }

    private ConfigError refused(String v6) {
        return assertThrows(ConfigError.class, () -> load(v6));
    }

    @Test
    void withoutAV6SectionTheNodeServesNoDhcpv6() throws IOException {
        Path f = dir.resolve("v4only.conf");
        Files.writeString(f, V4);
        assertTrue(NodeConfigLoader.load(f).v6().isEmpty());
    }

    @Test
    void aMinimalLinkGetsKeaLikeDefaults() throws IOException {
        NodeConfig.V6 v6 = load("subnets = [" + LAN + "]").v6().orElseThrow();
        assertEquals(547, v6.port());
        assertEquals(546, v6.clientPort());
        assertEquals(255, v6.preference());
        Subnet6 s = v6.policy().subnet(1).orElseThrow();
        assertEquals(3600, s.lifetimes().preferred());
        assertEquals(7200, s.lifetimes().valid());
        assertEquals(1800, s.lifetimes().t1());
        assertEquals(2880, s.lifetimes().t2());
        assertEquals(56, s.pdPools().get(0).length());
        assertFalse(s.rapidCommit());
    }

    @Test
    void optionsAreEncodedForTheWire() throws IOException {
        Subnet6 s = load("subnets = [" + LAN + "]").v6().orElseThrow().policy().subnet(1).orElseThrow();
        OptionData6 dns = s.options().stream().filter(o -> o.code() == 23).findFirst().orElseThrow();
        assertArrayEquals(Address128.parse("2001:db8:1::53").toBytes(), dns.value());
        OptionData6 domains = s.options().stream().filter(o -> o.code() == 24).findFirst().orElseThrow();
        assertEquals("076578616d706c6503636f6d00", HexFormat.of().formatHex(domains.value()));
    }

    @Test
    void subnetValuesOverrideV6WideOnes() throws IOException {
        Subnet6 s = load("preferred-lifetime = 100, valid-lifetime = 200, rapid-commit = true\nsubnets = ["
                + LAN.replace("interface = \"veth0\",", "interface = \"veth0\", valid-lifetime = 300,") + "]")
                .v6().orElseThrow().policy().subnet(1).orElseThrow();
        assertEquals(100, s.lifetimes().preferred());
        assertEquals(300, s.lifetimes().valid());
        assertTrue(s.rapidCommit());
    }

    @Test
    void aPoolOutsideItsLinkIsRefusedNamingTheKey() {
        ConfigError e = refused("subnets = [ { id = 1, subnet = \"2001:db8:1::/64\", pools = [\"2001:db8:2::1 - 2001:db8:2::9\"] } ]");
        assertTrue(e.getMessage().contains("pools[0]"), e.getMessage());
        assertTrue(e.getMessage().contains("not inside"), e.getMessage());
    }

    @Test
    void anAddressPoolInsideADelegatedPrefixIsRefused() {
        ConfigError e = refused("""
                subnets = [ { id = 1, subnet = "2001:db8:100::/64", pools = ["2001:db8:100::/64"],
                              pd-pools = [ { prefix = "2001:db8:100::/40", delegated-length = 56 } ] } ]""");
        assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
    }

    @Test
    void overlappingLinksAndDuplicateIdsAreRefused() {
        assertTrue(refused("subnets = [" + LAN + ", { id = 2, subnet = \"2001:db8:1:0:8000::/65\" } ]").getMessage().contains("overlaps"));
        assertTrue(refused("subnets = [" + LAN + ", { id = 1, subnet = \"2001:db8:2::/64\" } ]").getMessage().contains("already the id"));
    }

    @Test
    void inconsistentLifetimesAreRefused() {
        ConfigError e = refused("preferred-lifetime = 500, valid-lifetime = 100\nsubnets = [" + LAN + "]");
        assertTrue(e.getMessage().contains("preferred-lifetime"), e.getMessage());
    }

    @Test
    void reservationsAreByDuidAndMustFitTheLink() throws IOException {
        Subnet6 s = load("subnets = [" + LAN.replace("options {", """
                reservations = [ { duid = "00:03:00:01:02:00:00:00:00:99", ip-address = "2001:db8:1::99",
                                   prefix = "2001:db8:1ff:ff00::/56" } ],
                options {""") + "]").v6().orElseThrow().policy().subnet(1).orElseThrow();
        assertEquals(Address128.parse("2001:db8:1::99"), s.reservationFor("00030001020000000099").orElseThrow().address().orElseThrow());
        ConfigError e = refused("subnets = [" + LAN.replace("options {",
                "reservations = [ { duid = \"0003000102\", ip-address = \"2001:db8:9::1\" } ], options {") + "]");
        assertTrue(e.getMessage().contains("ip-address"), e.getMessage());
    }

    @Test
    void optionsTheServerSetsItselfAndUnknownNamesAreRefused() {
        assertTrue(refused("options { \"2\" = \"0001\" }\nsubnets = [" + LAN + "]").getMessage().contains("set by the server"));
        assertTrue(refused("options { dns-server = [\"2001:db8::53\"] }\nsubnets = [" + LAN + "]").getMessage()
                .contains("not a known DHCPv6 option"));
    }

    @Test
    void unknownKeysAreRefused() {
        ConfigError e = refused("subnets = [" + LAN.replace("interface =", "interfce = \"x\", interface =") + "]");
        assertTrue(e.getMessage().contains("interfce"), e.getMessage());
    }

    @Test
    void floodLimitsAreReadLikeDhcpv4sAndNamedWhenWrong() throws IOException {
        assertEquals(FloodLimits.DEFAULTS, load("subnets = [" + LAN + "]").v6().orElseThrow().policy().floodLimits());
        assertEquals(new FloodLimits(30, 2, Duration.ofHours(2), 5), load("offer-hold-share-percent = 30, decline-limit-per-client = 2\n"
                + "decline-limit-window = 2h, decline-quarantine-share-percent = 5\nsubnets = [" + LAN + "]").v6().orElseThrow().policy().floodLimits());
        ConfigError e = refused("decline-limit-per-client = -1\nsubnets = [" + LAN + "]");
        assertEquals("dhcp.v6.decline-limit-per-client", e.key());
    }
}
