package org.dhcpcluster.node.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret the management API's bearer credentials must match, kept in a file.
 *
 * <p>The file is looked at again on every check (one stat) and re-read when it changed, so a
 * rotated Kubernetes Secret (the kubelet swaps the mounted file) takes effect without a restart.
 * While the file cannot be read or holds no usable token, the last good token stays in force
 * and a warning says so, never what the token is.
 */
public final class BearerToken {
    private static final Logger log = LoggerFactory.getLogger(BearerToken.class);
    /** RFC 6750 section 2.1: b64token. */
    static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    /** Fewer characters than this would be guessable by anyone who can reach the port. */
    private static final int MIN_LENGTH = 16;

    private final Path file;
    private Stamp stamp;
    private byte[] digest;

    private record Stamp(FileTime modified, long size, Object fileKey) {
    }

    /** The file could not be read: warned once, not on every request. */
    private static final Stamp UNREADABLE = new Stamp(null, -1, null);

    private BearerToken(Path file) {
        this.file = file;
        if (!reload()) {
            throw new IllegalStateException("management token file " + file + " holds no usable token");
        }
    }

    /** The token in {@code file}, which must hold one now (the configuration loader checked). */
    public static BearerToken fromFile(Path file) {
        return new BearerToken(file);
    }

    /**
     * A fresh random token written to {@code file} (mode 0600, replacing what was there) for a
     * node configured without a token file: the operator reads it from the file whose path is
     * logged; the token itself is never logged.
     */
    public static BearerToken generate(Path file) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Files.deleteIfExists(file);
            // Created with its final permissions: no moment in which others could read it.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, token + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated management token to " + file, e);
        }
        log.info("event=management_token_generated file={}", file.toAbsolutePath());
        return new BearerToken(file);
    }

    /** What is wrong with {@code text} as a token file's content, if anything (never quoting it). */
    public static Optional<String> problemWith(String text) {
        String token = text.strip();
        if (token.isEmpty()) {
            return Optional.of("is empty: it must hold the bearer token");
        }
        if (!B64TOKEN.matcher(token).matches()) {
            return Optional.of("does not hold a bearer token: one line of letters, digits and - . _ ~ + / (RFC 6750 b64token)");
        }
        if (token.length() < MIN_LENGTH) {
            return Optional.of("holds a token shorter than " + MIN_LENGTH + " characters: too easy to guess");
        }
        return Optional.empty();
    }

    public Path file() {
        return file;
    }

    /** Whether {@code presented} is the token, compared in constant time (of equal-length digests). */
    public boolean matches(String presented) {
        byte[] expected = current();
        return MessageDigest.isEqual(sha256(presented), expected);
    }

    private synchronized byte[] current() {
        reload();
        return digest;
    }

    /** Re-reads the file if it changed; false when it holds no usable token. */
    private synchronized boolean reload() {
        Stamp now;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            now = new Stamp(a.lastModifiedTime(), a.size(), a.fileKey());
            if (now.equals(stamp)) {
                return true;
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Optional<String> problem = problemWith(text);
            if (problem.isPresent()) {
                stamp = now;
                log.warn("event=management_token_unusable file={} problem=\"{}\" keeping={}", file, problem.get(), digest != null);
                return false;
            }
            boolean rotated = digest != null;
            digest = sha256(text.strip());
            stamp = now;
            if (rotated) {
                log.info("event=management_token_reloaded file={}", file);
            }
            return true;
        } catch (IOException e) {
            if (!UNREADABLE.equals(stamp)) {
                log.warn("event=management_token_unreadable file={} error={} keeping={}", file, e.getClass().getSimpleName(), digest != null);
                stamp = UNREADABLE;
            }
            return false;
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
