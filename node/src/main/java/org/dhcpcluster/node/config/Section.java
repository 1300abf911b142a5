package org.dhcpcluster.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A typed, validating view of one object in the configuration, which knows its full key
 * ({@code dhcp.v4.subnets[2]}) so every error can name the exact key, file and line.
 * Typesafe Config's own errors are translated into {@link ConfigError}s of the same shape.
 */
final class Section {
    private final Config config;
    private final String path;
    private final String origin;

    Section(Config config, String path, String origin) {
        this.config = config;
        this.path = path;
        this.origin = origin;
    }

    static Section of(ConfigObject object, String path) {
        return new Section(object.toConfig(), path, describe(object));
    }

    String path() {
        return path;
    }

    String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    ConfigError error(String name, String problem) {
        return new ConfigError(originOf(name), key(name), problem);
    }

    ConfigError error(String problem) {
        return new ConfigError(origin, path, problem);
    }

    private String originOf(String name) {
        try {
            if (config.hasPathOrNull(name)) {
                return describe(config.getValue(name));
            }
        } catch (ConfigException ignored) {
            // fall back to the section's own origin
        }
        return origin;
    }

    private static String describe(ConfigValue v) {
        var o = v.origin();
        if (o == null || o.filename() == null) {
            return o == null ? "" : o.description();
        }
        String file = o.filename();
        int slash = file.lastIndexOf('/');
        return (slash >= 0 ? file.substring(slash + 1) : file) + (o.lineNumber() > 0 ? ":" + o.lineNumber() : "");
    }

    /** Refuses keys this section does not know: a misspelt key must not be silently ignored. */
    Section allowOnly(String... names) {
        Set<String> allowed = Set.of(names);
        Set<String> unknown = new TreeSet<>(config.root().keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw error(first, "unknown key (known keys here: " + String.join(", ", new TreeSet<>(allowed)) + ")");
        }
        return this;
    }

    boolean has(String name) {
        return config.hasPath(name);
    }

    private <T> T read(String name, Function<String, T> getter) {
        try {
            return getter.apply(name);
        } catch (ConfigException.Missing e) {
            throw error(name, "is required");
        } catch (ConfigException.WrongType e) {
            throw error(name, "has the wrong type: " + e.getMessage().replaceFirst("^.*?: ", ""));
        } catch (ConfigException.BadValue e) {
            throw error(name, e.getMessage().replaceFirst("^.*?: ", ""));
        }
    }

    String string(String name) {
        return read(name, config::getString);
    }

    Optional<String> optionalString(String name) {
        return has(name) ? Optional.of(string(name)) : Optional.empty();
    }

    String string(String name, String fallback) {
        return has(name) ? string(name) : fallback;
    }

    int integer(String name, int min, int max) {
        int v = read(name, config::getInt);
        if (v < min || v > max) {
            throw error(name, v + " is outside " + min + ".." + max);
        }
        return v;
    }

    int integer(String name, int min, int max, int fallback) {
        return has(name) ? integer(name, min, max) : fallback;
    }

    boolean bool(String name, boolean fallback) {
        return has(name) ? read(name, config::getBoolean) : fallback;
    }

    /** A duration: HOCON units ("30s", "1h") or a bare number of seconds, as Kea writes lifetimes. */
    Duration duration(String name) {
        ConfigValue v = read(name, config::getValue);
        if (v.valueType() == ConfigValueType.NUMBER) {
            long seconds = ((Number) v.unwrapped()).longValue();
            if (seconds < 0) {
                throw error(name, "must not be negative");
            }
            return Duration.ofSeconds(seconds);
        }
        Duration d = read(name, config::getDuration);
        if (d.isNegative()) {
            throw error(name, "must not be negative");
        }
        return d;
    }

    Duration duration(String name, Duration fallback) {
        return has(name) ? duration(name) : fallback;
    }

    List<String> strings(String name) {
        return has(name) ? read(name, config::getStringList) : List.of();
    }

    Section section(String name) {
        return new Section(read(name, config::getConfig), key(name), originOf(name));
    }

    Optional<Section> optionalSection(String name) {
        return has(name) ? Optional.of(section(name)) : Optional.empty();
    }

    List<Section> sections(String name) {
        if (!has(name)) {
            return List.of();
        }
        List<? extends ConfigObject> objects = read(name, config::getObjectList);
        List<Section> out = new ArrayList<>(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            out.add(Section.of(objects.get(i), key(name) + "[" + i + "]"));
        }
        return out;
    }

    /** Every key of this section with its value as text (for option-data maps). */
    List<String[]> entries() {
        List<String[]> out = new ArrayList<>();
        for (var e : config.root().entrySet()) {
            Object raw = e.getValue().unwrapped();
            String text = raw instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList()) : String.valueOf(raw);
            out.add(new String[] {e.getKey(), text});
        }
        return out;
    }

    /** Runs a parser over a value, turning IllegalArgumentException into an error naming the key. */
    <T> T parse(String name, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw error(name, "\"" + text + "\": " + e.getMessage());
        }
    }
}
