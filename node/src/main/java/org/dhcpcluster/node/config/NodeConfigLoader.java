package org.dhcpcluster.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.readmodel.JournalMaintenance;

/**
 * Loads and validates a node's configuration file (HOCON). Every problem becomes one
 * {@link ConfigError} naming file, line, key and what is wrong; the node prints it and
 * exits without touching the network or the database.
 *
 * <p>Environment variables are available as HOCON substitutions, e.g.
 * {@code password = ${?DHCP_DB_PASSWORD}}. A {@code pekko { }} block in the same file is
 * passed to Pekko unchanged, for tuning this loader does not cover.
 */
public final class NodeConfigLoader {
    private NodeConfigLoader() {
    }

    /** The parsed file, substitutions resolved against the environment. */
    public static Config parse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigError(file.toString(), "(file)", "does not exist or is not a regular file");
        }
        try {
            Config raw = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            return raw.resolveWith(ConfigFactory.systemEnvironment(), ConfigResolveOptions.defaults());
        } catch (ConfigException e) {
            String where = e.origin() == null ? file.toString() : e.origin().description();
            throw new ConfigError(where, "(syntax)", withoutEnvironment(e.getMessage().replace(where + ": ", "")));
        }
    }

    /**
     * Some of the HOCON library's resolution errors print the whole resolve source, which here is
     * the process environment, database password included: never pass that on.
     */
    static String withoutEnvironment(String message) {
        int source = message.indexOf(" in ResolveSource(");
        return source < 0 ? message : message.substring(0, source) + " (while resolving ${...} substitutions)";
    }

    public static NodeConfig load(Path file) {
        return read(parse(file));
    }

    public static NodeConfig read(Config config) {
        Section root = new Section(config, "", "");
        if (!root.has("dhcp")) {
            throw root.error("dhcp", "is required (the node's settings live under dhcp { ... })");
        }
        Section dhcp = root.section("dhcp").allowOnly("management", "cluster", "database", "v4", "v6", "leases", "admission");

        var management = ManagementReader.read(dhcp.optionalSection("management").orElse(empty("dhcp.management")));

        var cluster = ClusterReader.read(dhcp.optionalSection("cluster").orElse(empty("dhcp.cluster")));

        Section db = dhcp.optionalSection("database").orElse(empty("dhcp.database"))
                .allowOnly("url", "user", "password", "password-file", "pool-size", "embedded");
        int poolSize = db.integer("pool-size", 1, 200, 8);
        Optional<NodeConfig.EmbeddedDatabase> embedded = Optional.empty();
        Optional<DatabaseSettings> external = Optional.empty();
        if (db.has("url")) {
            if (db.has("embedded")) {
                throw db.error("embedded", "cannot be combined with url: an external database was configured");
            }
            String url = db.string("url");
            if (!url.startsWith("jdbc:postgresql://")) {
                throw db.error("url", "\"" + url + "\" is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
            }
            external = Optional.of(new DatabaseSettings(url, db.string("user"), password(db), poolSize));
        } else {
            Section e = db.optionalSection("embedded").orElse(empty("dhcp.database.embedded")).allowOnly("data-directory", "port");
            embedded = Optional.of(new NodeConfig.EmbeddedDatabase(Path.of(e.string("data-directory", "var/postgres")),
                    e.integer("port", 0, 65535, 0)));
        }

        Section v4 = dhcp.section("v4").allowOnly(Policy4Reader.V4_KEYS);
        Section listen = v4.optionalSection("listen").orElse(empty("dhcp.v4.listen")).allowOnly("address", "port", "interfaces");
        String listenAddress = listen.string("address", "0.0.0.0");
        listen.parse("address", listenAddress, org.dhcpcluster.protocol.v4.Ipv4::parse);
        var v4Settings = new NodeConfig.V4(listenAddress, listen.integer("port", 1, 65535, 67),
                v4.integer("client-port", 1, 65535, 68), listen.strings("interfaces"), Policy4Reader.read(v4), Dhcp4o6Reader.read(v4));

        Optional<NodeConfig.V6> v6Settings = dhcp.optionalSection("v6").map(v6 -> {
            v6.allowOnly(Policy6Reader.V6_KEYS);
            Section l6 = v6.optionalSection("listen").orElse(empty("dhcp.v6.listen")).allowOnly("port", "interfaces");
            return new NodeConfig.V6(l6.integer("port", 1, 65535, 547), v6.integer("client-port", 1, 65535, 546),
                    l6.strings("interfaces"), v6.integer("preference", 0, 255, 255), Policy6Reader.read(v6));
        });
        return new NodeConfig(management, cluster, embedded, external, poolSize, v4Settings, v6Settings,
                leases(dhcp.optionalSection("leases").orElse(empty("dhcp.leases"))),
                AdmissionReader.read(dhcp.optionalSection("admission").orElse(empty("dhcp.admission"))));
    }

    /** {@code dhcp.leases}: the read model's settings. */
    static NodeConfig.Leases leases(Section leases) {
        leases.allowOnly("history-retention");
        Duration retention = leases.duration("history-retention", JournalMaintenance.Settings.DEFAULT_RETENTION);
        // Under an hour the history would lose what the operator is most likely to ask about.
        if (retention.compareTo(Duration.ofHours(1)) < 0) {
            throw leases.error("history-retention", retention + " is too short: at least 1h (e.g. \"400d\", \"90d\")");
        }
        return new NodeConfig.Leases(retention);
    }

    private static String password(Section db) {
        boolean inline = db.has("password");
        boolean fromFile = db.has("password-file");
        if (inline && fromFile) {
            throw db.error("password-file", "cannot be combined with password: choose one");
        }
        if (fromFile) {
            Path p = Path.of(db.string("password-file"));
            try {
                return Files.readString(p, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw db.error("password-file", "cannot read " + p + ": " + e.getMessage());
            }
        }
        if (!inline) {
            throw db.error("password", "is required with url (or set password-file, e.g. a mounted Kubernetes Secret)");
        }
        return db.string("password");
    }

    static Section empty(String path) {
        return new Section(ConfigFactory.empty(), path, "");
    }
}
