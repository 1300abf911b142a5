package org.dhcpcluster.node.http;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * One route that needs the bearer token. Every {@code /api} route and {@code /leave} is one of
 * these, listed in one place ({@link ManagementApi#routes}), so none can be added without the
 * authorization check, and the tests enumerate the same list.
 *
 * @param method GET or POST; any other method on the path is answered 405
 * @param path the exact path, e.g. {@code /api/v4/leases}
 * @param timeout how long the answer may take before Pekko HTTP answers 503
 * @param answer from the raw query string (null when none) to the reply, never blocking the
 *     caller's thread
 */
public record ProtectedRoute(String method, String path, Duration timeout, Function<String, CompletionStage<JsonReply>> answer) {
    /** Pekko HTTP's default request timeout: enough for any read of the read model. */
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(20);

    public ProtectedRoute {
        if (!method.equals("GET") && !method.equals("POST")) {
            throw new IllegalArgumentException("a management route is GET or POST, not " + method);
        }
        if (!path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("a route path starts with / and does not end with one: " + path);
        }
    }
}
