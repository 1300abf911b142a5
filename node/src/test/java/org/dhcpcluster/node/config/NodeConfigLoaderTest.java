package org.dhcpcluster.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dhcpcluster.lease.partition.FloodLimits;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.OptionCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String body) throws IOException {
        Path f = dir.resolve("node.conf");
        Files.writeString(f, body);
        return f;
    }

    private static final String SUBNET = """
            { id = 1, subnet = "192.0.2.0/24", pools = ["192.0.2.100 - 192.0.2.199"],
              options { routers = "192.0.2.1", domain-name-servers = ["192.0.2.53", "192.0.2.54"] } }
            """;

    private String v4(String subnets) {
        return "dhcp.v4 { service-address = \"192.0.2.1\"\n subnets = [" + subnets + "] }\n";
    }

    private ConfigError refused(String body) throws IOException {
        Path f = write(body);
        return assertThrows(ConfigError.class, () -> NodeConfigLoader.load(f));
    }

    @Test
    void aMinimalFileGivesEmbeddedPostgresAndKeaLikeDefaults() throws IOException {
        NodeConfig c = NodeConfigLoader.load(write(v4(SUBNET)));
        assertTrue(c.embeddedDatabase().isPresent());
        assertEquals(67, c.v4().port());
        assertEquals(68, c.v4().clientPort());
        Subnet4 s = c.v4().policy().subnet(1).orElseThrow();
        assertEquals(3600, s.leaseTimes().lease());
        assertEquals(1800, s.leaseTimes().renewal());
        assertEquals(3150, s.leaseTimes().rebinding());
        assertEquals(Ipv4.parse("192.0.2.1"), Ipv4.fromBytes(s.options().get(OptionCode.ROUTERS).orElseThrow()));
        assertEquals(8, s.options().get(OptionCode.DOMAIN_NAME_SERVERS).orElseThrow().length);
    }

    @Test
    void leaseTimesAcceptHoconDurationsAndKeaSeconds() throws IOException {
        NodeConfig c = NodeConfigLoader.load(write("dhcp.v4 { service-address = \"192.0.2.1\", lease-time = 2h, renewal-time = 1800\n"
                + "subnets = [" + SUBNET + "] }"));
        assertEquals(7200, c.v4().policy().subnet(1).orElseThrow().leaseTimes().lease());
        assertEquals(1800, c.v4().policy().subnet(1).orElseThrow().leaseTimes().renewal());
    }

    @Test
    void anExternalDatabaseNeedsAPassword() throws IOException {
        ConfigError e = refused("dhcp.database { url = \"jdbc:postgresql://db:5432/dhcp\", user = dhcp }\n" + v4(SUBNET));
        assertEquals("dhcp.database.password", e.key());
    }

    @Test
    void thePasswordCanComeFromAMountedSecretFile() throws IOException {
        Path secret = dir.resolve("pw");
        Files.writeString(secret, "s3cret\n");
        NodeConfig c = NodeConfigLoader.load(write("dhcp.database { url = \"jdbc:postgresql://db:5432/dhcp\", user = dhcp,"
                + " password-file = \"" + secret + "\" }\n" + v4(SUBNET)));
        assertEquals("s3cret", c.externalDatabase().orElseThrow().password());
    }

    @Test
    void aMissingEnvironmentVariableIsNamedWithoutPrintingTheEnvironment() throws IOException {
        ConfigError e = refused("dhcp.database { url = ${DHCP_TEST_UNSET_VARIABLE}, user = dhcp, password = x }\n" + v4(SUBNET));
        assertTrue(e.getMessage().contains("DHCP_TEST_UNSET_VARIABLE"), e.getMessage());
        assertFalse(e.getMessage().contains("PATH"), e.getMessage());
    }

    @Test
    void aResolutionErrorNeverPrintsTheEnvironment() {
        String message = NodeConfigLoader.withoutEnvironment(
                "replace in parent not possible X in ResolveSource(root=SimpleConfigObject({\"DHCP_DB_PASSWORD\":\"s3cret\"}))");
        assertFalse(message.contains("s3cret"), message);
    }

    @Test
    void aMisspeltKeyIsRefusedWithItsName() throws IOException {
        ConfigError e = refused(v4("{ id = 1, subnet = \"192.0.2.0/24\", lease_time = 60 }"));
        assertEquals("dhcp.v4.subnets[0].lease_time", e.key());
        assertTrue(e.getMessage().contains("node.conf:"), "names the file and line: " + e.getMessage());
    }

    @Test
    void aPoolOutsideItsSubnetIsRefused() throws IOException {
        ConfigError e = refused(v4("{ id = 1, subnet = \"192.0.2.0/24\", pools = [\"198.51.100.1 - 198.51.100.9\"] }"));
        assertEquals("dhcp.v4.subnets[0].pools[0]", e.key());
    }

    @Test
    void anAddressThatIsNotOneIsRefusedWithTheText() throws IOException {
        ConfigError e = refused(v4("{ id = 1, subnet = \"192.0.2.0/24\", pools = [\"192.0.2.10 - 192.0.2.300\"] }"));
        assertEquals("dhcp.v4.subnets[0].pools[0]", e.key());
        assertTrue(e.getMessage().contains("192.0.2.300"), e.getMessage());
    }

    @Test
    void overlappingPoolsAreRefused() throws IOException {
        ConfigError e = refused(v4("{ id = 1, subnet = \"192.0.2.0/24\", pools = [\"192.0.2.10 - 192.0.2.20\", \"192.0.2.15/28\"] }"));
        assertEquals("dhcp.v4.subnets[0].pools[1]", e.key());
    }

    @Test
    void overlappingSubnetsAreRefused() throws IOException {
        ConfigError e = refused(v4(SUBNET + ", { id = 2, subnet = \"192.0.2.128/25\" }"));
        assertEquals("dhcp.v4.subnets[1].subnet", e.key());
    }

    @Test
    void aReusedSubnetIdIsRefused() throws IOException {
        ConfigError e = refused(v4(SUBNET + ", { id = 1, subnet = \"198.51.100.0/24\" }"));
        assertEquals("dhcp.v4.subnets[1].id", e.key());
    }

    @Test
    void anUnknownOptionNameIsRefused() throws IOException {
        ConfigError e = refused(v4("{ id = 1, subnet = \"192.0.2.0/24\", options { routerz = \"192.0.2.1\" } }"));
        assertEquals("dhcp.v4.subnets[0].options.routerz", e.key());
    }

    @Test
    void anOptionValueOfTheWrongTypeIsRefused() throws IOException {
        ConfigError e = refused(v4("{ id = 1, subnet = \"192.0.2.0/24\", options { routers = \"gateway\" } }"));
        assertEquals("dhcp.v4.subnets[0].options.routers", e.key());
    }

    @Test
    void optionsTheServerOwnsCannotBeConfigured() throws IOException {
        ConfigError e = refused(v4("{ id = 1, subnet = \"192.0.2.0/24\", options { dhcp-server-identifier = \"192.0.2.9\" } }"));
        assertTrue(e.getMessage().contains("service-address"), e.getMessage());
    }

    @Test
    void reservationsAreCheckedForDuplicatesAndPlacement() throws IOException {
        ConfigError twice = refused(v4("{ id = 1, subnet = \"192.0.2.0/24\", reservations = ["
                + "{ hw-address = \"02:00:00:00:00:01\", ip-address = \"192.0.2.10\" },"
                + "{ hw-address = \"02:00:00:00:00:02\", ip-address = \"192.0.2.10\" } ] }"));
        assertEquals("dhcp.v4.subnets[0].reservations[1].ip-address", twice.key());
        ConfigError outside = refused(v4("{ id = 1, subnet = \"192.0.2.0/24\", reservations = ["
                + "{ hw-address = \"02:00:00:00:00:01\", ip-address = \"203.0.113.10\" } ] }"));
        assertEquals("dhcp.v4.subnets[0].reservations[0].ip-address", outside.key());
    }

    @Test
    void renewalTimersMustBeOrdered() throws IOException {
        ConfigError e = refused(v4("{ id = 1, subnet = \"192.0.2.0/24\", lease-time = 600, renewal-time = 500, rebinding-time = 400 }"));
        assertEquals("dhcp.v4.subnets[0].lease-time", e.key());
    }

    @Test
    void aSyntaxErrorNamesTheLine() throws IOException {
        ConfigError e = refused("dhcp.v4 {\n service-address = \n}}\n");
        assertTrue(e.getMessage().contains("node.conf"), e.getMessage());
    }

    @Test
    void aMissingServiceAddressIsRequired() throws IOException {
        ConfigError e = refused("dhcp.v4 { subnets = [" + SUBNET + "] }");
        assertEquals("dhcp.v4.service-address", e.key());
    }

    @Test
    void theShippedExampleConfigurationsAreValid() {
        for (String name : new String[] {"single-node.conf"}) {
            Path p = Path.of("..", "deploy", "examples", name);
            NodeConfig c = NodeConfigLoader.load(p);
            assertTrue(c.v4().policy().subnets().size() >= 1, name);
        }
    }

    @Test
    void historyRetentionDefaultsTo400DaysAndTakesADuration() throws IOException {
        assertEquals(Duration.ofDays(400), NodeConfigLoader.load(write(v4(SUBNET))).leases().historyRetention());
        assertEquals(Duration.ofDays(90),
                NodeConfigLoader.load(write(v4(SUBNET) + "dhcp.leases.history-retention = 90d\n")).leases().historyRetention());
    }

    @Test
    void aBadHistoryRetentionIsRefusedNamingTheKey() throws IOException {
        ConfigError tooShort = refused(v4(SUBNET) + "dhcp.leases.history-retention = 5m\n");
        assertEquals("dhcp.leases.history-retention", tooShort.key());
        assertTrue(tooShort.getMessage().contains("at least 1h"), tooShort.getMessage());
        ConfigError notADuration = refused(v4(SUBNET) + "dhcp.leases.history-retention = forever\n");
        assertEquals("dhcp.leases.history-retention", notADuration.key());
        assertTrue(notADuration.getMessage().contains("node.conf:"), notADuration.getMessage());
        ConfigError negative = refused(v4(SUBNET) + "dhcp.leases.history-retention = -3d\n");
        assertTrue(negative.getMessage().contains("must not be negative"), negative.getMessage());
        ConfigError typo = refused(v4(SUBNET) + "dhcp.leases.history-retension = 30d\n");
        assertTrue(typo.getMessage().contains("unknown key"), typo.getMessage());
    }

    @Test
    void floodLimitsDefaultToHalfTheFreeAddressesThreeDeclinesAnHourAndATenthQuarantined() throws IOException {
        FloodLimits limits = NodeConfigLoader.load(write(v4(SUBNET))).v4().policy().floodLimits();
        assertEquals(FloodLimits.DEFAULTS, limits);
        FloodLimits set = NodeConfigLoader.load(write("dhcp.v4 { service-address = \"192.0.2.1\", offer-hold-share-percent = 25\n"
                + "decline-limit-per-client = 5, decline-limit-window = 10m, decline-quarantine-share-percent = 20\n"
                + "subnets = [" + SUBNET + "] }")).v4().policy().floodLimits();
        assertEquals(new FloodLimits(25, 5, Duration.ofMinutes(10), 20), set);
    }

    @Test
    void aBadFloodLimitIsRefusedNamingTheKey() throws IOException {
        ConfigError share = refused("dhcp.v4 { service-address = \"192.0.2.1\", offer-hold-share-percent = 0\nsubnets = [" + SUBNET + "] }");
        assertEquals("dhcp.v4.offer-hold-share-percent", share.key());
        assertTrue(share.getMessage().contains("outside 1..100"), share.getMessage());
        ConfigError window = refused("dhcp.v4 { service-address = \"192.0.2.1\", decline-limit-window = 0s\nsubnets = [" + SUBNET + "] }");
        assertEquals("dhcp.v4.decline-limit-window", window.key());
        assertTrue(window.getMessage().contains("longer than zero"), window.getMessage());
        ConfigError quarantine = refused("dhcp.v4 { service-address = \"192.0.2.1\", decline-quarantine-share-percent = 101\n"
                + "subnets = [" + SUBNET + "] }");
        assertEquals("dhcp.v4.decline-quarantine-share-percent", quarantine.key());
    }
}
