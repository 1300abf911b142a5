package org.dhcpcluster.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The node's command line keeps its exit codes: 0 help, 2 bad arguments or configuration. */
class MainTest {
    @TempDir
    Path dir;

    private static int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    @Test
    void helpIsZeroAndUnknownOrIncompleteArgumentsAreTwo() {
        assertEquals(0, run("--help"));
        assertEquals(0, run("leave", "--help"));
        assertEquals(2, run("--bogus"));
        assertEquals(2, run("--config"));
        assertEquals(2, run("--postgres-only", "--port", "many"));
    }

    @Test
    void aConfigurationThatCannotBeUsedIsTwo() throws Exception {
        assertEquals(2, run("--check", "--config", dir.resolve("absent.conf").toString()));
        Path conf = Files.writeString(dir.resolve("node.conf"), "dhcp { management { host = \"0.0.0.0\", token-file = \""
                + dir.resolve("no-token") + "\" } }");
        assertEquals(2, run("--check", "--config", conf.toString()));
    }

    @Test
    void leaveWithoutAUsableTokenFileIsTwoAndSendsNothing() throws Exception {
        assertEquals(2, run("leave", "--url", "http://127.0.0.1:9", "--token-file", dir.resolve("absent").toString()));
        Path shortToken = Files.writeString(dir.resolve("short"), "abc");
        assertEquals(2, run("leave", "--url", "http://127.0.0.1:9", "--token-file", shortToken.toString()));
        assertTrue(Files.exists(shortToken));
    }
}
