package org.dhcpcluster.node.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.apache.pekko.pki.pem.DERPrivateKeyLoader;
import org.apache.pekko.pki.pem.PEMDecoder;

/**
 * Reads {@code dhcp.cluster.tls}: the PEM files that authenticate this node to the others
 * (mutual TLS on the cluster port). The files are the keys of a Kubernetes TLS Secret or a
 * cert-manager Certificate ({@code tls.key}, {@code tls.crt}, {@code ca.crt}), so naming the
 * directory they are mounted in is enough. They are checked now, because Pekko would only find
 * a bad file at the first connection and say so in a handshake error far from the cause.
 */
final class ClusterTlsReader {
    private ClusterTlsReader() {
    }

    static NodeConfig.ClusterTls read(Section tls) {
        tls.allowOnly("directory", "key-file", "cert-file", "ca-cert-file", "reload-interval");
        Path key = file(tls, "key-file", "tls.key");
        Path cert = file(tls, "cert-file", "tls.crt");
        Path ca = file(tls, "ca-cert-file", "ca.crt");
        Duration reload = tls.duration("reload-interval", Duration.ofMinutes(5));
        if (reload.compareTo(Duration.ofSeconds(1)) < 0 || reload.compareTo(Duration.ofDays(1)) > 0) {
            throw tls.error("reload-interval", "must be between 1s and 1d");
        }
        X509Certificate caCert = certificate(tls, "ca-cert-file", ca);
        X509Certificate nodeCert = certificate(tls, "cert-file", cert);
        if (!caCert.getSubjectX500Principal().equals(caCert.getIssuerX500Principal())) {
            throw tls.error("ca-cert-file", ca + " is issued by " + caCert.getIssuerX500Principal()
                    + ": it must be the root CA itself (Pekko's PEM provider trusts exactly one root)");
        }
        try {
            nodeCert.verify(caCert.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw tls.error("cert-file", cert + " (" + nodeCert.getSubjectX500Principal() + ") is not signed by the CA in " + ca
                    + " (" + caCert.getSubjectX500Principal() + ")");
        }
        try {
            nodeCert.checkValidity();
        } catch (CertificateException e) {
            throw tls.error("cert-file", cert + " is not valid now: valid from " + nodeCert.getNotBefore() + " to " + nodeCert.getNotAfter());
        }
        checkKeyMatches(tls, key, nodeCert, cert);
        return new NodeConfig.ClusterTls(key, cert, ca, reload);
    }

    /** An explicit file, else the conventional name in {@code directory}. */
    private static Path file(Section tls, String name, String inDirectory) {
        Path p;
        if (tls.has(name)) {
            p = Path.of(tls.string(name));
        } else if (tls.has("directory")) {
            p = Path.of(tls.string("directory")).resolve(inDirectory);
        } else {
            throw tls.error(name, "is missing: set it, or set directory to where " + inDirectory + " is (a mounted TLS Secret)");
        }
        if (!Files.isRegularFile(p)) {
            throw tls.error(tls.has(name) ? name : "directory", p + " does not exist or is not a file");
        }
        if (!Files.isReadable(p)) {
            throw tls.error(tls.has(name) ? name : "directory", p + " is not readable by this process");
        }
        return p;
    }

    private static X509Certificate certificate(Section tls, String name, Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            throw tls.error(name, p + " is not a PEM certificate: " + e.getMessage());
        }
    }

    /**
     * The key must be RSA, in PKCS#1 or unencrypted PKCS#8 PEM (what Pekko's loader reads), and
     * belong to the certificate, or every handshake would fail.
     */
    private static void checkKeyMatches(Section tls, Path key, X509Certificate cert, Path certPath) {
        PrivateKey privateKey;
        try {
            privateKey = DERPrivateKeyLoader.load(PEMDecoder.decode(Files.readString(key)));
        } catch (IOException | RuntimeException e) { // PEMLoadingException is a RuntimeException
            throw tls.error("key-file", key + " is not an RSA private key in PEM (PKCS#1 or unencrypted PKCS#8): " + e.getMessage());
        }
        if (!(privateKey instanceof RSAPrivateCrtKey rsa) || !(cert.getPublicKey() instanceof RSAPublicKey pub)) {
            throw tls.error("key-file", key + " must be an RSA key with an RSA certificate (Pekko's PEM provider reads no other)");
        }
        if (!rsa.getModulus().equals(pub.getModulus()) || !rsa.getPublicExponent().equals(pub.getPublicExponent())) {
            throw tls.error("key-file", key + " is not the private key of " + certPath);
        }
    }
}
