package org.dhcpcluster.node.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's management HTTP endpoints:
 * <ul>
 *   <li>{@code GET /health}: 200 while the node runs (liveness);</li>
 *   <li>{@code GET /ready}: 200 once the node is an Up cluster member with its shard regions
 *       registered, PostgreSQL answering and DHCP sockets up; 503 with the reason before that and
 *       while it shuts down (readiness);</li>
 *   <li>{@code GET /leave}: drain, close the DHCP sockets and leave the cluster, answering once
 *       this node's shards are handed off (a Kubernetes preStop hook; GET because that is what
 *       preStop's httpGet sends);</li>
 *   <li>{@code GET /metrics}: Prometheus text format;</li>
 *   <li>{@code GET /api/cluster}: members, their state, and the shards and entities each holds.</li>
 *   <li>{@code GET /api/v4/leases}, {@code /api/v6/leases} (and {@code .../history}), {@code /api/projection}: the
 *       lease read model ({@link LeaseApi}).</li>
 * </ul>
 */
public final class ManagementServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private ManagementServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** A GET endpoint at exactly {@code path} answering from the request's raw query string (null when none). */
    public record QueryEndpoint(String path, Function<String, LeaseApi.Reply> answer) {
    }

    /** A JSON document served at {@code path}, computed per request. */
    public record JsonEndpoint(String path, Supplier<CompletionStage<String>> body) {
    }

    public static ManagementServer start(String host, int port, Supplier<Optional<String>> notReadyBecause, PrometheusMeterRegistry metrics,
                                         List<QueryEndpoint> queries, List<JsonEndpoint> documents) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "management-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/health", x -> respond(x, 200, "text/plain", "ok\n"));
        server.createContext("/ready", x -> {
            Optional<String> why = notReadyBecause.get();
            respond(x, why.isEmpty() ? 200 : 503, "text/plain", why.map(w -> "not ready: " + w + "\n").orElse("ready\n"));
        });
        server.createContext("/metrics", x -> respond(x, 200, "text/plain; version=0.0.4", metrics.scrape()));
        for (QueryEndpoint query : queries) {
            server.createContext(query.path(), x -> {
                // A context also receives longer paths under it; only the exact one is this endpoint.
                if (!x.getRequestURI().getPath().equals(query.path())) {
                    respond(x, 404, "text/plain", "not found\n");
                } else if (!"GET".equals(x.getRequestMethod())) {
                    respond(x, 405, "text/plain", "only GET\n");
                } else {
                    LeaseApi.Reply reply = query.answer().apply(x.getRequestURI().getRawQuery());
                    respond(x, reply.status(), "application/json", reply.json());
                }
            });
        }
        for (JsonEndpoint document : documents) {
            server.createContext(document.path(), x -> {
                try {
                    respond(x, 200, "application/json", document.body().get().toCompletableFuture().get(30, TimeUnit.SECONDS));
                } catch (Exception e) {
                    log.warn("event=status_api_failed path={} error={}", document.path(), e.toString());
                    respond(x, 503, "application/json", "{\"error\":" + Json.quote(String.valueOf(e.getMessage())) + "}\n");
                }
            });
        }
        server.start();
        log.info("event=management_listening address={}", server.getAddress());
        return new ManagementServer(server, executor);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void respond(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        // Up to a second for requests in flight: /leave answers just as shutdown reaches here.
        server.stop(1);
        executor.shutdownNow();
    }
}
