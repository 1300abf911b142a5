package org.dhcpcluster.node;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.dhcpcluster.node.config.ConfigError;
import org.dhcpcluster.node.config.NodeConfig;
import org.dhcpcluster.node.config.NodeConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar dhcp-node.jar [--config FILE] [--check]}. Without --config the bundled
 * demo configuration is used (embedded PostgreSQL under ./var/postgres, an unprivileged
 * port). {@code --check} validates the configuration and exits.
 * {@code --postgres-only --data-directory DIR --port N} runs only the embedded PostgreSQL, for
 * several local nodes to share ({@link PostgresOnly}). {@code leave --url URL --token-file FILE}
 * asks a running node to leave ({@link LeaveCommand}: the Kubernetes preStop hook).
 *
 * <p>Exit codes: 0 clean stop, 2 bad configuration or arguments, 1 failure to start.
 */
@Command(name = "dhcp-node", mixinStandardHelpOptions = true, subcommands = LeaveCommand.class,
        description = "A node of the DHCP server cluster.")
public final class Main implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(Main.class);
    static final int BAD_CONFIGURATION = 2;
    static final int FAILED_TO_START = 1;

    @Option(names = "--config", paramLabel = "FILE", description = "the node's configuration (HOCON); default: the bundled demo")
    private Path configFile;

    @Option(names = "--check", description = "validate the configuration and exit")
    private boolean checkOnly;

    @Option(names = "--postgres-only", description = "run only the embedded PostgreSQL, for several local nodes to share")
    private boolean postgresOnly;

    @Option(names = "--data-directory", paramLabel = "DIR", description = "with --postgres-only: its data (default: ${DEFAULT-VALUE})")
    private Path dataDirectory = Path.of("var/postgres");

    @Option(names = "--port", paramLabel = "N", description = "with --postgres-only: its TCP port (default: ${DEFAULT-VALUE})")
    private int postgresPort = 5433;

    public static void main(String[] args) {
        CommonPool.ensureParallel();
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        // Usage errors 2 and --help 0, as the node always answered; anything thrown while running, 1.
        return new CommandLine(new Main())
                .setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? BAD_CONFIGURATION : FAILED_TO_START);
    }

    @Override
    public Integer call() {
        if (postgresPort < 0 || postgresPort > 65535) {
            return refuse("--port needs a TCP port number");
        }
        if (postgresOnly) {
            PostgresOnly.run(dataDirectory, postgresPort);
            return 0;
        }
        Config raw;
        NodeConfig config;
        try {
            raw = rawConfiguration();
            config = NodeConfigLoader.read(raw);
        } catch (ConfigError e) {
            return refuse("configuration error: " + e.getMessage());
        }
        if (checkOnly) {
            System.out.println("configuration OK: " + config.v4().policy().subnets().size() + " DHCPv4 subnet(s), "
                    + config.v6().map(v6 -> v6.policy().subnets().size() + " DHCPv6 subnet(s)").orElse("no DHCPv6"));
            return 0;
        }
        NodeRuntime node;
        try {
            node = NodeRuntime.start(config, raw);
        } catch (RuntimeException e) {
            log.error("event=start_failed error=\"{}\"", e.getMessage(), e);
            // main's System.exit stops Pekko's and Netty's threads, which would keep a half-started JVM alive.
            System.err.println("dhcp-node: node did not start: " + e.getMessage());
            return FAILED_TO_START;
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
        return 0;
    }

    private Config rawConfiguration() {
        return configFile == null ? DemoConfig.load() : NodeConfigLoader.parse(configFile);
    }

    /** The configuration --config names (or the demo's), validated; ConfigError if it is not usable. */
    NodeConfig configuration() {
        return NodeConfigLoader.read(rawConfiguration());
    }

    private static int refuse(String message) {
        System.err.println("dhcp-node: " + message);
        return BAD_CONFIGURATION;
    }
}
