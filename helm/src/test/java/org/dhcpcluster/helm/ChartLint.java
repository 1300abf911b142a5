package org.dhcpcluster.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code helm lint} of the chart with value overrides. helm-java's lint takes no values, so
 * the chart is copied to a temporary folder whose values.yaml has the overrides merged in.
 */
final class ChartLint {
    private ChartLint() {
    }

    static LintResult lint(ChartValues values) {
        Path copy = null;
        try {
            copy = Files.createTempDirectory("dhcp-cluster-lint").resolve("dhcp-cluster");
            copyTree(RenderedChart.CHART_DIR, copy);
            Path valuesFile = copy.resolve("values.yaml");
            Map<String, Object> merged = values.mergedInto(load(valuesFile));
            Files.writeString(valuesFile, ChartValues.toYaml(merged), StandardCharsets.UTF_8);
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(copy == null ? null : copy.getParent());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Path yaml) throws IOException {
        return (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(yaml, StandardCharsets.UTF_8));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Files.copy(source, to.resolve(from.relativize(source).toString()));
            }
        }
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
