package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code helm lint --strict} passes for every scenario. (Lint runs templates in lint mode,
 * where {@code fail} only logs, so the validateValues rules are checked in InvalidValuesTest
 * through {@code helm template}.)
 */
class ChartLintTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.dhcpcluster.helm.Scenarios#all")
    void lintsCleanInStrictMode(Scenarios scenario) {
        LintResult result = ChartLint.lint(scenario.values());
        assertFalse(result.isFailed(), scenario + ":\n" + String.join("\n", result.getMessages()));
    }
}
