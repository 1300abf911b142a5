package org.dhcpcluster.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagementReaderTest {
    @TempDir
    Path dir;

    private static NodeConfig.Management read(String body) {
        return ManagementReader.read(new Section(ConfigFactory.parseString(body), "dhcp.management", ""));
    }

    private static ConfigError refused(String body) {
        return assertThrows(ConfigError.class, () -> read(body));
    }

    @Test
    void byDefaultTheApiListensOnLoopbackOnlyWithAGeneratedToken() {
        NodeConfig.Management m = read("");
        assertEquals(List.of("127.0.0.1"), m.hosts());
        assertEquals(8067, m.port());
        assertEquals(Optional.empty(), m.tokenFile());
    }

    @Test
    void severalAddressesAreSeveralBindings() {
        assertEquals(List.of("127.0.0.1", "10.42.0.7", "fd00::7"), read("hosts = [\"127.0.0.1\", \"10.42.0.7\", \"fd00::7\"]").hosts());
    }

    @Test
    void addressesMustBeLiteralsListedOnce() {
        assertEquals("dhcp.management.host", refused("host = \"mgmt.example.com\"").key());
        assertEquals("dhcp.management.hosts", refused("hosts = [\"127.0.0.1\", \"127.0.0.1\"]").key());
        assertEquals("dhcp.management.hosts", refused("hosts = []").key());
        assertEquals("dhcp.management.hosts", refused("host = \"127.0.0.1\", hosts = [\"10.0.0.1\"]").key());
    }

    @Test
    void aTokenFileMustHoldAUsableTokenAndTheErrorNeverQuotesIt() throws Exception {
        Path good = Files.writeString(dir.resolve("good"), "0123456789abcdef0123\n");
        assertEquals(Optional.of(good), read("token-file = \"" + good + "\"").tokenFile());

        ConfigError missing = refused("token-file = \"" + dir.resolve("absent") + "\"");
        assertEquals("dhcp.management.token-file", missing.key());
        Path bad = Files.writeString(dir.resolve("bad"), "hunter2 with spaces");
        ConfigError unusable = refused("token-file = \"" + bad + "\"");
        assertEquals("dhcp.management.token-file", unusable.key());
        assertFalse(unusable.getMessage().contains("hunter2"), unusable.getMessage());
        assertTrue(unusable.getMessage().contains(bad.toString()), unusable.getMessage());
    }
}
