package org.dhcpcluster.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dhcpcluster.node.support.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad TLS files are refused at start with the key and the problem, not at the first handshake. */
class ClusterTlsReaderTest {
    @TempDir
    static Path dir;
    private static Path member;
    private static Path foreign;

    @BeforeAll
    static void certificates() {
        member = TestCertificates.newCa(dir, "cluster-ca").issue("member", "dhcp-cluster");
        foreign = TestCertificates.newCa(dir, "other-ca").issue("foreign", "dhcp-cluster");
    }

    private static NodeConfig.ClusterTls read(String tls) {
        return ClusterReader.read(new Section(ConfigFactory.parseString("tls { " + tls + " }"), "dhcp.cluster", ""))
                .tls().orElseThrow();
    }

    private static ConfigError refused(String tls) {
        return assertThrows(ConfigError.class, () -> read(tls));
    }

    private static String quoted(Path p) {
        return "\"" + p + "\"";
    }

    @Test
    void aMountedTlsSecretDirectoryIsEnough() {
        NodeConfig.ClusterTls tls = read("directory = " + quoted(member));
        assertEquals(member.resolve("tls.key"), tls.keyFile());
        assertEquals(member.resolve("tls.crt"), tls.certFile());
        assertEquals(member.resolve("ca.crt"), tls.caCertFile());
        assertEquals(Duration.ofMinutes(5), tls.reloadInterval());
    }

    @Test
    void withoutDirectoryEveryFileMustBeNamed() {
        ConfigError e = refused("cert-file = " + quoted(member.resolve("tls.crt")));
        assertEquals("dhcp.cluster.tls.key-file", e.key());
        assertTrue(e.getMessage().contains("is missing"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        Path partial = Files.createDirectories(dir.resolve("partial"));
        Files.copy(member.resolve("tls.key"), partial.resolve("tls.key"));
        Files.copy(member.resolve("tls.crt"), partial.resolve("tls.crt"));
        ConfigError e = refused("directory = " + quoted(partial));
        assertEquals("dhcp.cluster.tls.directory", e.key());
        assertTrue(e.getMessage().contains(partial.resolve("ca.crt") + " does not exist"), e.getMessage());
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() {
        ConfigError e = refused("directory = " + quoted(member) + ", cert-file = " + quoted(foreign.resolve("tls.crt"))
                + ", key-file = " + quoted(foreign.resolve("tls.key")));
        assertEquals("dhcp.cluster.tls.cert-file", e.key());
        assertTrue(e.getMessage().contains("is not signed by the CA"), e.getMessage());
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() {
        ConfigError e = refused("directory = " + quoted(member) + ", key-file = " + quoted(foreign.resolve("tls.key")));
        assertEquals("dhcp.cluster.tls.key-file", e.key());
        assertTrue(e.getMessage().contains("is not the private key of"), e.getMessage());
    }

    @Test
    void aFileThatIsNoCertificateIsRefused() {
        ConfigError e = refused("directory = " + quoted(member) + ", cert-file = " + quoted(member.resolve("tls.key")));
        assertEquals("dhcp.cluster.tls.cert-file", e.key());
        assertTrue(e.getMessage().contains("is not a PEM certificate"), e.getMessage());
    }

    @Test
    void aKeyFileThatIsNoKeyIsRefused() {
        ConfigError e = refused("directory = " + quoted(member) + ", key-file = " + quoted(member.resolve("tls.crt")));
        assertEquals("dhcp.cluster.tls.key-file", e.key());
        assertTrue(e.getMessage().contains("is not an RSA private key"), e.getMessage());
    }

    @Test
    void theCaMustBeARoot() {
        ConfigError e = refused("directory = " + quoted(member) + ", ca-cert-file = " + quoted(member.resolve("tls.crt")));
        assertEquals("dhcp.cluster.tls.ca-cert-file", e.key());
        assertTrue(e.getMessage().contains("must be the root CA"), e.getMessage());
    }

    @Test
    void theReloadIntervalIsBounded() {
        assertEquals("dhcp.cluster.tls.reload-interval", refused("directory = " + quoted(member) + ", reload-interval = 0s").key());
    }
}
