package org.dhcpcluster.node;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.dhcpcluster.node.config.ConfigError;
import org.dhcpcluster.node.config.NodeConfig;
import org.dhcpcluster.node.http.BearerToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dhcp-node [--config FILE] leave [--url URL] [--token-file FILE]}: {@code POST /leave}
 * with the management token, waiting until the node has drained and handed off its shards.
 * Without --url and --token-file they come from the node's own configuration (its first
 * management address and port, its token file, or the one it generates): the Kubernetes preStop
 * hook runs {@code entrypoint.sh leave}, which passes the pod's node.conf (an httpGet hook can
 * neither POST nor send a secret header).
 *
 * <p>Exit codes: 0 the node left, 2 bad arguments or an unusable token file, 1 the node refused
 * or could not be reached.
 */
@Command(name = "leave", mixinStandardHelpOptions = true,
        description = "Ask a running node to drain, leave the cluster and stop (POST /leave).")
final class LeaveCommand implements Callable<Integer> {
    @ParentCommand
    private Main node;

    @Option(names = "--url", paramLabel = "URL", description = "the node's management address (default: from the configuration)")
    private URI url;

    @Option(names = "--token-file", paramLabel = "FILE", description = "the management token (default: from the configuration)")
    private Path tokenFile;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "how long to wait, ISO-8601 (default: ${DEFAULT-VALUE})")
    private Duration timeout = Duration.ofMinutes(5);

    @Override
    public Integer call() throws InterruptedException {
        if (url == null || tokenFile == null) {
            NodeConfig.Management own;
            try {
                own = node.configuration().management();
            } catch (ConfigError e) {
                System.err.println("dhcp-node leave: configuration error: " + e.getMessage());
                return Main.BAD_CONFIGURATION;
            }
            if (url == null) {
                String host = own.hosts().get(0);
                url = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + own.port());
            }
            if (tokenFile == null) {
                tokenFile = own.tokenFile().orElse(NodeConfig.Management.GENERATED_TOKEN_FILE);
            }
        }
        String token;
        try {
            token = Files.readString(tokenFile);
        } catch (IOException e) {
            System.err.println("dhcp-node leave: cannot read --token-file " + tokenFile + ": " + e.getClass().getSimpleName());
            return Main.BAD_CONFIGURATION;
        }
        var problem = BearerToken.problemWith(token);
        if (problem.isPresent()) {
            System.err.println("dhcp-node leave: --token-file " + tokenFile + " " + problem.get());
            return Main.BAD_CONFIGURATION;
        }
        URI leave = url.resolve("/leave");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(leave).timeout(timeout).header("Authorization", "Bearer " + token.strip())
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            System.out.print(response.body());
            if (response.statusCode() != 200) {
                System.err.println("dhcp-node leave: " + leave + " answered " + response.statusCode());
                return 1;
            }
            return 0;
        } catch (IOException e) {
            System.err.println("dhcp-node leave: " + leave + ": " + e);
            return 1;
        }
    }
}
