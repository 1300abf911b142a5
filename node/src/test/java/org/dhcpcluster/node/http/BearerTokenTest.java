package org.dhcpcluster.node.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The management token: read from its file, replaced when the file is, generated when none is configured. */
class BearerTokenTest {
    private static final String FIRST = "first-token-0123456789abcdef";
    private static final String SECOND = "second-token-0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void aRotatedFileReplacesTheTokenWithoutARestart() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, FIRST + "\n");
        BearerToken token = BearerToken.fromFile(file);
        assertTrue(token.matches(FIRST));
        assertFalse(token.matches(SECOND));

        // As the kubelet rotates a Secret: the new content appears as a new file moved in place.
        Path next = dir.resolve("token.next");
        Files.writeString(next, SECOND + "\n");
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertTrue(token.matches(SECOND));
        assertFalse(token.matches(FIRST), "the old token stops working");
    }

    @Test
    void anEmptiedFileKeepsTheLastGoodTokenRatherThanOpeningOrLockingTheApi() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, FIRST);
        BearerToken token = BearerToken.fromFile(file);
        Files.writeString(file, "");
        assertTrue(token.matches(FIRST));
        assertFalse(token.matches(""));
    }

    @Test
    void aGeneratedTokenIsReadableOnlyByItsOwnerAndIsTheOneRequired() throws Exception {
        Path file = dir.resolve("state").resolve("management-token");
        BearerToken token = BearerToken.generate(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String written = Files.readString(file).strip();
        assertEquals(Optional.empty(), BearerToken.problemWith(written));
        assertTrue(token.matches(written));
        assertFalse(BearerToken.generate(file).matches(written), "every start draws a new token");
    }

    @Test
    void unusableTokenFilesAreNamedWithoutQuotingThem() {
        assertTrue(BearerToken.problemWith(" \n").orElseThrow().contains("empty"));
        assertTrue(BearerToken.problemWith("two words-0123456789").orElseThrow().contains("b64token"));
        assertTrue(BearerToken.problemWith("short").orElseThrow().contains("shorter than 16"));
        assertFalse(BearerToken.problemWith("secret\"value-0123456789").orElseThrow().contains("secret"));
    }
}
