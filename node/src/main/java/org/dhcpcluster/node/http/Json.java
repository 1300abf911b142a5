package org.dhcpcluster.node.http;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * JSON text for the management API, written by hand: flat objects of strings, numbers, times
 * (ISO-8601) and nulls do not need a library.
 */
final class Json {
    private Json() {
    }

    /** One object, keys in the map's order. */
    static String object(Map<String, ?> fields) {
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((k, v) -> sb.append(sb.length() == 1 ? "" : ",").append(quote(k)).append(':').append(value(v)));
        return sb.append('}').toString();
    }

    /** An array of objects, one per line. */
    static String array(List<? extends Map<String, ?>> rows) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++) {
            sb.append(i == 0 ? "\n  " : ",\n  ").append(object(rows.get(i)));
        }
        return sb.append(rows.isEmpty() ? "]" : "\n]").toString();
    }

    static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Instant || v instanceof CharSequence) {
            return quote(v.toString());
        }
        if (v instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, ?> fields = (Map<String, ?>) m;
            return object(fields);
        }
        if (v instanceof List<?> l) {
            @SuppressWarnings("unchecked")
            List<? extends Map<String, ?>> rows = (List<? extends Map<String, ?>>) l;
            return array(rows);
        }
        return quote(v.toString());
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
