package org.dhcpcluster.helm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Value overrides for one rendering of the chart, as Helm merges a values file: maps merge
 * key by key, anything else (lists too) replaces the chart's default. Immutable.
 *
 * <pre>
 *   ChartValues.withSecret().with("traffic.hostNetwork.enabled", true)
 * </pre>
 */
public final class ChartValues {
    /** The one value the chart cannot default: the Secret with the database settings. */
    public static final String DATABASE_SECRET = "dhcp-db";
    /** The TLS Secret (tls.key, tls.crt, ca.crt) pods authenticate each other with; cluster TLS is on by default. */
    public static final String CLUSTER_TLS_SECRET = "dhcp-cluster-tls";

    private final Map<String, Object> overrides;

    private ChartValues(Map<String, Object> overrides) {
        this.overrides = overrides;
    }

    /** No overrides at all: the chart's values.yaml as it is. */
    public static ChartValues none() {
        return new ChartValues(Map.of());
    }

    /** The smallest valid set: the chart's defaults plus postgresql.existingSecret and clusterTls.existingSecret. */
    public static ChartValues withSecret() {
        return none().with("postgresql.existingSecret", DATABASE_SECRET).with("clusterTls.existingSecret", CLUSTER_TLS_SECRET);
    }

    /** These values plus {@code value} at the dotted {@code path}, e.g. "dhcp.v6.enabled". */
    public ChartValues with(String path, Object value) {
        Map<String, Object> copy = deepCopy(overrides);
        String[] keys = path.split("\\.");
        Map<String, Object> at = copy;
        for (int i = 0; i < keys.length - 1; i++) {
            at = asMap(at.computeIfAbsent(keys[i], k -> new LinkedHashMap<>()), path);
        }
        at.put(keys[keys.length - 1], value);
        return new ChartValues(copy);
    }

    public Map<String, Object> asMap() {
        return deepCopy(overrides);
    }

    /** The overrides as a YAML values file. */
    public String toYaml() {
        return toYaml(overrides);
    }

    /** {@code defaults} with these overrides merged in, the way Helm merges a values file. */
    Map<String, Object> mergedInto(Map<String, Object> defaults) {
        Map<String, Object> result = deepCopy(defaults);
        merge(result, overrides);
        return result;
    }

    static String toYaml(Map<String, Object> values) {
        return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(values);
    }

    private static void merge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((key, value) -> {
            if (value instanceof Map<?, ?> && into.get(key) instanceof Map<?, ?>) {
                merge(asMap(into.get(key), key), asMap(value, key));
            } else {
                into.put(key, deepCopyValue(value));
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String path) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(path + ": " + value + " is not a map of values");
        }
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, deepCopyValue(value)));
        return copy;
    }

    private static Object deepCopyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, inner) -> copy.put(String.valueOf(key), deepCopyValue(inner)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(inner -> copy.add(deepCopyValue(inner)));
            return copy;
        }
        return value;
    }
}
