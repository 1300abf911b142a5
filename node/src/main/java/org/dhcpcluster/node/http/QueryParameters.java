package org.dhcpcluster.node.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A request's query parameters, checked: each at most once, only known names, values parsed
 * by the caller's parsers. Every problem is a {@link BadQuery} naming the parameter.
 */
final class QueryParameters {
    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code rawQuery} (may be null), accepting only {@code known} names. */
    static QueryParameters parse(String rawQuery, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), pair);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
                if (!known.contains(name)) {
                    throw new BadQuery(name, "unknown here (known: " + String.join(", ", new TreeSet<>(known)) + ")");
                }
                if (values.putIfAbsent(name, value) != null) {
                    throw new BadQuery(name, "given more than once");
                }
                if (value.isBlank()) {
                    throw new BadQuery(name, "has no value");
                }
            }
        }
        return new QueryParameters(values);
    }

    private static String decode(String text, String parameter) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadQuery(parameter, "is not URL-encoded correctly: " + e.getMessage());
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value through {@code parser}, whose IllegalArgumentException becomes a BadQuery naming {@code name}. */
    <T> Optional<T> get(String name, Function<String, T> parser) {
        return text(name).map(v -> {
            try {
                return parser.apply(v);
            } catch (IllegalArgumentException e) {
                throw new BadQuery(name, "\"" + v + "\": " + e.getMessage());
            }
        });
    }

    int integer(String name, int min, int max, int fallback) {
        return get(name, v -> {
            int n;
            try {
                n = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException("outside " + min + ".." + max);
            }
            return n;
        }).orElse(fallback);
    }
}
