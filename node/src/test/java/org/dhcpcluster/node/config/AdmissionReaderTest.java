package org.dhcpcluster.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dhcpcluster.node.edge.admission.Admission;
import org.dhcpcluster.node.edge.admission.Rate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdmissionReaderTest {
    private static final String V4 = """
            dhcp.v4 { service-address = "192.0.2.1"
              subnets = [{ id = 1, subnet = "192.0.2.0/24", pools = ["192.0.2.100 - 192.0.2.199"] }] }
            """;

    @TempDir
    Path dir;

    private NodeConfig load(String admission) throws IOException {
        Path f = dir.resolve("node.conf");
        Files.writeString(f, V4 + admission);
        return NodeConfigLoader.load(f);
    }

    @Test
    void withoutASectionNothingIsRateLimitedAndAMessageMayCarryEightIas() throws IOException {
        Admission.Settings s = load("").admission();
        assertTrue(s.perSource().unlimited());
        assertTrue(s.perSubnet().unlimited());
        assertEquals(8, s.maxIasPerMessage());
    }

    @Test
    void ratesAndBurstsAreReadAndABurstDefaultsToOneSecondsWorth() throws IOException {
        Admission.Settings s = load("dhcp.admission { per-source { rate = 500, burst = 2000 }, per-subnet { rate = 300 }"
                + ", max-ias-per-message = 4 }").admission();
        assertEquals(new Rate(500, 2000), s.perSource());
        assertEquals(new Rate(300, 300), s.perSubnet());
        assertEquals(4, s.maxIasPerMessage());
    }

    @Test
    void aBadLimitIsRefusedNamingItsKey() {
        ConfigError zero = assertThrows(ConfigError.class, () -> load("dhcp.admission.per-source { rate = 0 }"));
        assertEquals("dhcp.admission.per-source.rate", zero.key());
        ConfigError typo = assertThrows(ConfigError.class, () -> load("dhcp.admission.per-relay { rate = 10 }"));
        assertTrue(typo.getMessage().contains("per-relay"), typo.getMessage());
    }
}
