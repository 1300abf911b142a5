package org.dhcpcluster.node.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.dhcpcluster.lease.readmodel.LeaseFamily;
import org.dhcpcluster.node.lifecycle.Departure;
import org.dhcpcluster.node.status.ClusterStatus;

/**
 * The registry of protected routes: every {@code /api} route and {@code /leave}, each behind the
 * bearer token ({@link ManagementServer}). Adding a route here is the only way to add one, and
 * the authorization tests walk this same list.
 */
public final class ManagementApi {
    private ManagementApi() {
    }

    /**
     * @param blocking where the read model's JDBC queries run, so they never hold an HTTP thread
     * @param leaveTimeout how long {@code POST /leave} may take: drain delay plus the shard hand-off
     */
    public static List<ProtectedRoute> routes(LeaseApi leases, ClusterStatus cluster, Departure departure, Executor blocking,
                                              Duration leaveTimeout) {
        Function<Function<String, JsonReply>, Function<String, CompletionStage<JsonReply>>> offThread =
                query -> raw -> CompletableFuture.supplyAsync(() -> query.apply(raw), blocking);
        return List.of(
                get("/api/cluster", raw -> document(cluster::snapshot, raw)),
                get("/api/v4/leases", offThread.apply(raw -> leases.leases(LeaseFamily.V4, raw))),
                get("/api/v6/leases", offThread.apply(raw -> leases.leases(LeaseFamily.V6, raw))),
                get("/api/v4/leases/history", offThread.apply(raw -> leases.history(LeaseFamily.V4, raw))),
                get("/api/v6/leases/history", offThread.apply(raw -> leases.history(LeaseFamily.V6, raw))),
                get("/api/v4/leases/overlaps", offThread.apply(raw -> leases.overlaps(LeaseFamily.V4, raw))),
                get("/api/v6/leases/overlaps", offThread.apply(raw -> leases.overlaps(LeaseFamily.V6, raw))),
                get("/api/projection", offThread.apply(leases::projection)),
                new ProtectedRoute("POST", "/leave", leaveTimeout, raw -> document(departure::leave, raw)));
    }

    private static ProtectedRoute get(String path, Function<String, CompletionStage<JsonReply>> answer) {
        return new ProtectedRoute("GET", path, ProtectedRoute.QUERY_TIMEOUT, answer);
    }

    /** A document that takes no parameters: any query is refused, as the lease API refuses unknown ones. */
    private static CompletionStage<JsonReply> document(Supplier<? extends CompletionStage<?>> body, String rawQuery) {
        if (rawQuery != null && !rawQuery.isEmpty()) {
            return CompletableFuture.completedFuture(JsonReply.error(400, "this route takes no parameters"));
        }
        return body.get().thenApply(JsonReply::ok);
    }
}
