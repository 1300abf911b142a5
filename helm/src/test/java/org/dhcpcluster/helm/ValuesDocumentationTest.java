package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Every key of values.yaml has a {@code ## @param} line and a place in values.schema.json. */
class ValuesDocumentationTest {

    private static final Pattern PARAM = Pattern.compile("(?m)^\\s*## @param (\\S+) ");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String file) throws IOException {
        String text = Files.readString(RenderedChart.CHART_DIR.resolve(file), StandardCharsets.UTF_8);
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
    }

    /** Paths of all keys (or only of the settings: keys whose value is no map of further keys). */
    @SuppressWarnings("unchecked")
    private static void collectKeys(Map<String, Object> values, String prefix, boolean settingsOnly, List<String> into) {
        values.forEach((key, value) -> {
            String path = prefix + key;
            boolean group = value instanceof Map<?, ?> map && !map.isEmpty();
            if (!group || !settingsOnly) {
                into.add(path);
            }
            if (group) {
                collectKeys((Map<String, Object>) value, path + ".", settingsOnly, into);
            }
        });
    }

    private static List<String> valueKeys(boolean settingsOnly) throws IOException {
        List<String> keys = new ArrayList<>();
        collectKeys(load("values.yaml"), "", settingsOnly, keys);
        return keys;
    }

    /** A key is covered when it, or a map above it, is named by a @param line. */
    private static boolean coveredBy(String key, Set<String> documented) {
        for (String path = key; ; path = path.substring(0, path.lastIndexOf('.'))) {
            if (documented.contains(path)) {
                return true;
            }
            if (!path.contains(".")) {
                return false;
            }
        }
    }

    @Test
    void everyValueHasAParamLine() throws IOException {
        String text = Files.readString(RenderedChart.CHART_DIR.resolve("values.yaml"), StandardCharsets.UTF_8);
        Set<String> documented = new TreeSet<>();
        Matcher matcher = PARAM.matcher(text);
        while (matcher.find()) {
            documented.add(matcher.group(1));
        }
        List<String> missing = valueKeys(true).stream().filter(key -> !coveredBy(key, documented)).toList();
        assertEquals(List.of(), missing);
        List<String> allKeys = valueKeys(false);
        List<String> stale = documented.stream().filter(param -> !allKeys.contains(param)).toList();
        assertEquals(List.of(), stale, "@param lines naming no key");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyValueIsDescribedInTheSchema() throws IOException {
        Map<String, Object> schema = load("values.schema.json");
        List<String> missing = new ArrayList<>();
        for (String key : valueKeys(false)) {
            Map<String, Object> node = schema;
            for (String part : key.split("\\.")) {
                Map<String, Object> properties = (Map<String, Object>) node.getOrDefault("properties", Map.of());
                Map<String, Object> child = (Map<String, Object>) properties.get(part);
                if (child == null) {
                    // an open section such as dhcp.v4, whose keys the node checks, may leave it out
                    if (Boolean.FALSE.equals(node.get("additionalProperties"))) {
                        missing.add(key);
                    }
                    break;
                }
                node = child;
            }
        }
        assertEquals(List.of(), missing);
    }
}
