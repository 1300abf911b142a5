package org.dhcpcluster.node.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractUri;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.method;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.withRequestTimeout;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.PathMatcher0;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's management HTTP endpoints, served by Pekko HTTP on every configured address:
 * <ul>
 *   <li>open, for probes and scrapers: {@code GET /health} (200 while the node runs),
 *       {@code GET /ready} (200 once the node serves, 503 with the reason before that and while
 *       it shuts down), {@code GET /metrics} (Prometheus text format);</li>
 *   <li>behind {@code Authorization: Bearer <token>}: every {@link ProtectedRoute} of
 *       {@link ManagementApi} ({@code /api/...} and {@code POST /leave}). No or malformed
 *       credentials: 401 with {@code WWW-Authenticate: Bearer}; a token that is not ours: 403.</li>
 * </ul>
 * A known path with another method is answered 405 (so {@code GET /leave} does nothing), an
 * unknown path 404. No handler blocks an HTTP thread: the read model's queries run on the
 * blocking dispatcher and answers are completion stages.
 */
public final class ManagementServer {
    private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);
    /** Requests in flight when the node stops (the /leave that stopped it) get this long to finish. */
    private static final Duration FINISH_IN_FLIGHT = Duration.ofSeconds(1);
    private static final String REALM = "Bearer realm=\"dhcp-node\"";
    private static final ContentType PROMETHEUS_TEXT = ContentTypes.parse("text/plain; version=0.0.4; charset=utf-8");

    private final List<ServerBinding> bindings;
    private final List<ProtectedRoute> routes;

    private ManagementServer(List<ServerBinding> bindings, List<ProtectedRoute> routes) {
        this.bindings = List.copyOf(bindings);
        this.routes = List.copyOf(routes);
    }

    /**
     * Binds {@code hosts} in order, all on one port: {@code port}, or with 0 the one the first
     * binding was given. Fails (IllegalStateException naming the address) if any cannot be bound.
     */
    public static ManagementServer start(ActorSystem<?> system, List<String> hosts, int port, BearerToken token,
                                         Supplier<Optional<String>> notReadyBecause, PrometheusMeterRegistry metrics,
                                         List<ProtectedRoute> routes) {
        Route route = concat(open(notReadyBecause, metrics), protectedRoutes(routes, token));
        List<ServerBinding> bindings = new ArrayList<>();
        int boundPort = port;
        for (String host : hosts) {
            try {
                ServerBinding b = Http.get(system).newServerAt(host, boundPort).bind(route).toCompletableFuture()
                        .get(BIND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                boundPort = b.localAddress().getPort();
                bindings.add(b);
                log.info("event=management_listening address={}", b.localAddress());
            } catch (ExecutionException | TimeoutException e) {
                bindings.forEach(ServerBinding::unbind);
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new IllegalStateException("management HTTP cannot listen on " + host + ":" + boundPort + ": " + cause.getMessage(), cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while binding management HTTP on " + host);
            }
        }
        log.info("event=management_token file={}", token.file().toAbsolutePath());
        return new ManagementServer(bindings, routes);
    }

    private static Route open(Supplier<Optional<String>> notReadyBecause, PrometheusMeterRegistry metrics) {
        return concat(
                path("health", () -> get(() -> text(200, "ok\n"))),
                // extractUri: computed per request, not once when the route is built.
                path("ready", () -> get(() -> extractUri(uri -> {
                    Optional<String> why = notReadyBecause.get();
                    return text(why.isEmpty() ? 200 : 503, why.map(w -> "not ready: " + w + "\n").orElse("ready\n"));
                }))),
                path("metrics", () -> get(() -> extractUri(uri -> complete(HttpResponse.create()
                        .withEntity(PROMETHEUS_TEXT, metrics.scrape().getBytes(StandardCharsets.UTF_8)))))));
    }

    private static Route protectedRoutes(List<ProtectedRoute> routes, BearerToken token) {
        Route[] each = routes.stream().map(r -> path(matcher(r.path()), () -> method(HttpMethods.lookup(r.method()).orElseThrow(),
                () -> authorized(token, () -> withRequestTimeout(r.timeout(), () -> extractUri(uri ->
                        completeWithFuture(answer(r, uri.rawQueryString().orElse(null)))))))))
                .toArray(Route[]::new);
        return concat(each[0], Arrays.copyOfRange(each, 1, each.length));
    }

    /** The credentials check every protected route passes first; the token itself is never logged. */
    private static Route authorized(BearerToken token, Supplier<Route> inner) {
        return optionalHeaderValueByName("Authorization", header -> switch (BearerCheck.of(header, token)) {
            case GRANTED -> inner.get();
            case MISSING -> complete(json(JsonReply.error(401, "needs Authorization: Bearer <token>"))
                    .addHeader(RawHeader.create("WWW-Authenticate", REALM)));
            case MALFORMED -> complete(json(JsonReply.error(401, "Authorization is not Bearer <token>"))
                    .addHeader(RawHeader.create("WWW-Authenticate", REALM + ", error=\"invalid_request\"")));
            case WRONG -> complete(json(JsonReply.error(403, "the token is not this cluster's management token")));
        });
    }

    private static CompletionStage<HttpResponse> answer(ProtectedRoute route, String rawQuery) {
        CompletionStage<JsonReply> reply;
        try {
            reply = route.answer().apply(rawQuery);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.handle((r, failure) -> {
            if (failure == null) {
                return json(r);
            }
            log.warn("event=management_api_failed path={} error={}", route.path(), failure.toString());
            return json(JsonReply.error(503, String.valueOf(failure.getMessage())));
        });
    }

    private static PathMatcher0 matcher(String path) {
        String[] segments = path.substring(1).split("/");
        PathMatcher0 m = PathMatchers.segment(segments[0]);
        for (int i = 1; i < segments.length; i++) {
            m = m.slash(segments[i]);
        }
        return m;
    }

    private static Route text(int status, String body) {
        return complete(HttpResponse.create().withStatus(status).withEntity(ContentTypes.TEXT_PLAIN_UTF8, body));
    }

    private static HttpResponse json(JsonReply reply) {
        return HttpResponse.create().withStatus(reply.status())
                .withEntity(ContentTypes.APPLICATION_JSON, JsonText.of(reply.body()).getBytes(StandardCharsets.UTF_8));
    }

    /** The routes behind the token, as served: what the authorization tests walk. */
    public List<ProtectedRoute> protectedRoutes() {
        return routes;
    }

    /** The first address listened on (with port 0: the port every binding shares). */
    public InetSocketAddress address() {
        return bindings.get(0).localAddress();
    }

    public List<InetSocketAddress> addresses() {
        return bindings.stream().map(ServerBinding::localAddress).toList();
    }

    /** Stops listening; requests in flight (the /leave that stopped the node) get a moment to be answered. */
    public CompletionStage<Void> stop() {
        return CompletableFuture.allOf(bindings.stream().map(b -> b.terminate(FINISH_IN_FLIGHT).toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }
}
