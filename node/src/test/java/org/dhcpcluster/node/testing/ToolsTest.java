package org.dhcpcluster.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ToolsTest {

    @Test
    void missingPrerequisiteSkipsOutsideCi() {
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> Tools.unavailable("needs commands [dhclient]", name -> null));
        assertTrue(e.getMessage().contains("needs commands [dhclient]"), e.getMessage());
    }

    @Test
    void missingPrerequisiteFailsWithTheSameReasonWhenCiIsTrue() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Tools.unavailable("needs root (uid 0)", Map.of("CI", "true")::get));
        assertEquals(AssertionError.class, e.getClass(), "a failure, not a skip");
        assertTrue(e.getMessage().contains("needs root (uid 0)"), e.getMessage());
    }

    @Test
    void onlyCiEqualToTrueTurnsSkipsIntoFailures() {
        assertTrue(Tools.runsInCi(Map.of("CI", "TRUE")::get));
        assertFalse(Tools.runsInCi(Map.of("CI", "false")::get));
        assertFalse(Tools.runsInCi(Map.of("CI", "1")::get));
        assertFalse(Tools.runsInCi(name -> null));
        assertThrows(TestAbortedException.class, () -> Tools.unavailable("x", Map.of("CI", "false")::get));
    }

    @Test
    void findsCommandsOnPathAndInSbinButNotMadeUpOnes() {
        assertTrue(Tools.hasCommand("sh"));
        assertTrue(Tools.which("sh").orElseThrow().isAbsolute());
        assertFalse(Tools.hasCommand("dct-no-such-command-7f3a"));
        assertEquals("dct-no-such-command-7f3a", Tools.executable("dct-no-such-command-7f3a"));
    }

    @Test
    void rootDetectionAgreesWithId() {
        Tools.requireCommands("id");
        Cmd.Result id = Cmd.run("id", "-u");
        assertEquals(id.output().strip().equals("0"), Tools.isRoot(), id.describe());
    }
}
