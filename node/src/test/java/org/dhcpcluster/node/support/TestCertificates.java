package org.dhcpcluster.node.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for cluster TLS tests, made with the JDK's own keytool (always present, so no
 * test skips for want of openssl): a root CA, then node certificates it signs, written as the
 * PEM files a Kubernetes TLS Secret holds ({@code tls.key}, {@code tls.crt}, {@code ca.crt}).
 * RSA, because Pekko's PEM provider reads no other key type.
 */
public final class TestCertificates {
    private static final String PASS = "test-only";
    private final Path dir;
    private final String caName;

    private TestCertificates(Path dir, String caName) {
        this.dir = dir;
        this.caName = caName;
    }

    private static Path shared;

    /** One TLS Secret directory for every in-JVM test cluster, made on first use (keytool takes seconds). */
    public static synchronized Path sharedClusterSecret() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("dhcp-cluster-tls");
                shared = newCa(dir, "dhcp-cluster-ca").issue("secret", "dhcp-cluster");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** A new root CA named {@code caName}, kept in {@code dir}. */
    public static TestCertificates newCa(Path dir, String caName) {
        TestCertificates ca = new TestCertificates(dir, caName);
        ca.keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + caName,
                "-ext", "bc:c", "-validity", "30", "-keystore", ca.caStore().toString());
        ca.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.caStore().toString(), "-file", ca.caCert().toString());
        return ca;
    }

    private Path caStore() {
        return dir.resolve(caName + ".p12");
    }

    public Path caCert() {
        return dir.resolve(caName + ".crt");
    }

    /**
     * A directory holding tls.key, tls.crt (for {@code subject}, signed by this CA, with the
     * subject also as a DNS SAN) and ca.crt: what a mounted TLS Secret looks like.
     */
    public Path issue(String directoryName, String subject) {
        try {
            Path out = Files.createDirectories(dir.resolve(directoryName));
            Path store = out.resolve("node.p12");
            keytool("-genkeypair", "-alias", "node", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + subject,
                    "-validity", "30", "-keystore", store.toString());
            Path csr = out.resolve("node.csr");
            keytool("-certreq", "-alias", "node", "-keystore", store.toString(), "-file", csr.toString());
            keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", caStore().toString(), "-infile", csr.toString(),
                    "-outfile", out.resolve("tls.crt").toString(), "-ext", "san=dns:" + subject, "-validity", "30");
            Files.copy(caCert(), out.resolve("ca.crt"));
            Files.writeString(out.resolve("tls.key"), pkcs8Pem(store));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pkcs8Pem(Path store) {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASS.toCharArray());
            Key key = ks.getKey("node", PASS.toCharArray());
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test key back from " + store + ": " + e, e);
        }
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASS, "-noprompt"));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
