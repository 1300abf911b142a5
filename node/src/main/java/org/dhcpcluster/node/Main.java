package org.dhcpcluster.node;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.dhcpcluster.node.config.ConfigError;
import org.dhcpcluster.node.config.NodeConfig;
import org.dhcpcluster.node.config.NodeConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar dhcp-node.jar [--config FILE] [--check]}. Without --config the bundled
 * demo configuration is used (embedded PostgreSQL under ./var/postgres, an unprivileged
 * port). {@code --check} validates the configuration and exits.
 * {@code --postgres-only --data-directory DIR --port N} runs only the embedded PostgreSQL, for
 * several local nodes to share ({@link PostgresOnly}).
 *
 * <p>Exit codes: 0 clean stop, 2 bad configuration or arguments, 1 failure to start.
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        CommonPool.ensureParallel();
        Path configFile = null;
        boolean checkOnly = false;
        boolean postgresOnly = false;
        Path dataDirectory = Path.of("var/postgres");
        int postgresPort = 5433;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        exit(2, "--config needs a file name");
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--check" -> checkOnly = true;
                case "--postgres-only" -> postgresOnly = true;
                case "--data-directory" -> {
                    if (i + 1 >= args.length) {
                        exit(2, "--data-directory needs a directory");
                    }
                    dataDirectory = Path.of(args[++i]);
                }
                case "--port" -> {
                    if (i + 1 >= args.length || !args[i + 1].matches("\\d{1,5}")) {
                        exit(2, "--port needs a TCP port number");
                    }
                    postgresPort = Integer.parseInt(args[++i]);
                }
                case "--help", "-h" -> {
                    System.out.println("usage: dhcp-node [--config FILE] [--check]\n"
                            + "       dhcp-node --postgres-only [--data-directory DIR] [--port N]");
                    System.exit(0);
                }
                default -> exit(2, "unknown argument '" + args[i] + "' (usage: dhcp-node [--config FILE] [--check])");
            }
        }
        if (postgresOnly) {
            PostgresOnly.run(dataDirectory, postgresPort);
            System.exit(0);
        }
        Config raw;
        NodeConfig config;
        try {
            raw = configFile == null ? DemoConfig.load() : NodeConfigLoader.parse(configFile);
            config = NodeConfigLoader.read(raw);
        } catch (ConfigError e) {
            exit(2, "configuration error: " + e.getMessage());
            return;
        }
        if (checkOnly) {
            System.out.println("configuration OK: " + config.v4().policy().subnets().size() + " DHCPv4 subnet(s), "
                    + config.v6().map(v6 -> v6.policy().subnets().size() + " DHCPv6 subnet(s)").orElse("no DHCPv6"));
            System.exit(0);
        }
        NodeRuntime node;
        try {
            node = NodeRuntime.start(config, raw);
        } catch (RuntimeException e) {
            log.error("event=start_failed error=\"{}\"", e.getMessage(), e);
            // Pekko's and Netty's threads would keep a half-started JVM alive.
            exit(1, "node did not start: " + e.getMessage());
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        node.system().getWhenTerminated().thenRun(stopped::countDown);
        // SIGTERM / SIGINT: the JVM runs Pekko's coordinated shutdown through its own hook
        // (leave cluster, hand off shards); then the database stops here.
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "node-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Also reached when the cluster downed this node (split-brain resolver): stop for good
        // so the orchestrator restarts a fresh node instead of leaving a zombie.
        node.close();
        System.exit(0);
    }

    private static void exit(int code, String message) {
        System.err.println("dhcp-node: " + message);
        System.exit(code);
    }
}
