package org.dhcpcluster.node.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The management token the test nodes are configured with ({@code token-file}), one per test
 * JVM, and requests that carry it, as an operator's client would.
 */
public final class ManagementToken {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String TOKEN = HexFormat.of().formatHex(randomBytes());
    private static final Path FILE = write();

    private ManagementToken() {
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static Path write() {
        try {
            Path dir = Files.createTempDirectory("dhcp-mgmt-token");
            Path f = dir.resolve("token");
            Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(f, TOKEN + "\n");
            f.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path file() {
        return FILE;
    }

    /** The HOCON line for a node's {@code dhcp.management} block. */
    public static String setting() {
        return "token-file = \"" + FILE + "\"";
    }

    /** The value of the Authorization header. */
    public static String authorization() {
        return "Bearer " + TOKEN;
    }

    public static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Authorization", authorization());
    }

    /** An authorized GET of {@code path} on {@code http://127.0.0.1:port}: the body if 200, else empty. */
    public static Optional<String> get(int port, String path) {
        try {
            HttpResponse<String> r = HTTP.send(request(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
