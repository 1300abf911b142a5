package org.dhcpcluster.node.http;

import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.dhcpcluster.lease.readmodel.HistoryCheck;
import org.dhcpcluster.lease.readmodel.HistoryReader;
import org.dhcpcluster.lease.readmodel.HistoryReader.ClientColumn;
import org.dhcpcluster.lease.readmodel.LeaseFamily;
import org.dhcpcluster.lease.readmodel.LeaseQuery;
import org.dhcpcluster.lease.readmodel.ProjectionStatus;
import org.dhcpcluster.lease.readmodel.ReadModel;

/**
 * The lease API, read from the read model's tables (no request touches the journal):
 * <ul>
 *   <li>{@code /api/v4/leases}, {@code /api/v6/leases}: current leases in address order, a page
 *       at a time ({@code limit}, default 1000; {@code after} = the previous page's {@code next}),
 *       filtered by {@code subnet}, {@code address}, {@code client}, {@code hw-address},
 *       {@code client-id} (v4), {@code duid} (v6), {@code hostname}, {@code state};</li>
 *   <li>{@code /api/v4/leases/history}, {@code /api/v6/leases/history}: binding intervals, by
 *       {@code address} (with {@code at}: who held it then) or by one client field;</li>
 *   <li>{@code /api/v4/leases/overlaps}, {@code /api/v6/leases/overlaps}: the history's
 *       self-check, every address bound to two clients at once (none, unless something is wrong);</li>
 *   <li>{@code /api/projection}: how far each tag's projection is behind the journal.</li>
 * </ul>
 * A parameter it cannot use is answered 400 with a message naming it and the problem. Every
 * call reads PostgreSQL through JDBC: callers run it off the HTTP threads ({@link ManagementApi}).
 */
public final class LeaseApi {
    private static final Set<String> CLIENT_V4 = Set.of("client", "hw-address", "client-id", "hostname");
    private static final Set<String> CLIENT_V6 = Set.of("client", "duid", "hostname");
    private static final int HISTORY_LIMIT = 100;

    private final ReadModel readModel;
    private final Clock clock;

    public LeaseApi(ReadModel readModel, Clock clock) {
        this.readModel = readModel;
        this.clock = clock;
    }

    public JsonReply leases(LeaseFamily family, String rawQuery) {
        return answer(() -> {
            Set<String> known = new HashSet<>(clientFields(family));
            known.addAll(Set.of("limit", "after", "subnet", "address", "state"));
            QueryParameters p = QueryParameters.parse(rawQuery, known);
            LeaseQuery q = new LeaseQuery(p.integer("limit", 1, LeaseQuery.MAX_LIMIT, LeaseQuery.DEFAULT_LIMIT),
                    p.get("after", address(family)), p.get("subnet", LeaseApi::subnet), p.get("address", address(family)),
                    p.text("client"), p.get("hw-address", LeaseFields::hardwareAddress), p.get("client-id", LeaseFields::hex),
                    p.get("duid", LeaseFields::hex), p.get("hostname", LeaseFields::hostname), p.get("state", LeaseFields::state));
            var page = readModel.leases(family).page(q, clock.millis());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("leases", page.rows());
            body.put("next", page.next().orElse(null));
            return body;
        });
    }

    public JsonReply history(LeaseFamily family, String rawQuery) {
        return answer(() -> {
            Set<String> known = new HashSet<>(clientFields(family));
            known.addAll(Set.of("address", "at", "limit"));
            QueryParameters p = QueryParameters.parse(rawQuery, known);
            int limit = p.integer("limit", 1, LeaseQuery.MAX_LIMIT, HISTORY_LIMIT);
            List<String> clients = clientFields(family).stream().filter(p::has).sorted().toList();
            HistoryReader history = readModel.history(family);
            long now = clock.millis();
            List<Map<String, Object>> rows;
            if (p.has("address")) {
                if (!clients.isEmpty()) {
                    throw new BadQuery(clients.get(0), "cannot be combined with address: ask by address or by client");
                }
                String address = p.get("address", address(family)).orElseThrow();
                rows = p.has("at") ? history.heldAt(address, p.get("at", LeaseFields::time).orElseThrow(), now)
                        : history.ofAddress(address, limit, now);
            } else if (p.has("at")) {
                throw new BadQuery("at", "needs address: who held which address at that time");
            } else if (clients.size() != 1) {
                throw new BadQuery(clients.isEmpty() ? "address" : clients.get(1),
                        "give address (optionally with at), or exactly one of " + String.join(", ", clientFields(family).stream().sorted().toList()));
            } else {
                String name = clients.get(0);
                rows = switch (name) {
                    case "hw-address" -> history.ofClient(ClientColumn.HW_ADDRESS, p.get(name, LeaseFields::hardwareAddress).orElseThrow(), limit, now);
                    case "client-id" -> history.ofClient(ClientColumn.CLIENT_ID, p.get(name, LeaseFields::hex).orElseThrow(), limit, now);
                    case "duid" -> history.ofClient(ClientColumn.DUID, p.get(name, LeaseFields::hex).orElseThrow(), limit, now);
                    case "hostname" -> history.ofClient(ClientColumn.HOSTNAME, p.get(name, LeaseFields::hostname).orElseThrow(), limit, now);
                    default -> history.ofClient(ClientColumn.CLIENT, p.text(name).orElseThrow(), limit, now);
                };
            }
            return Map.of("history", rows);
        });
    }

    /**
     * The history's self-check: every time one address was bound to two clients at once (what
     * "no address bound twice" forbids). An empty list is the expected answer.
     */
    public JsonReply overlaps(LeaseFamily family, String rawQuery) {
        return answer(() -> {
            QueryParameters.parse(rawQuery, Set.of());
            return Map.of("overlaps", HistoryCheck.overlaps(readModel.dataSource(), family));
        });
    }

    public JsonReply projection(String rawQuery) {
        return answer(() -> {
            QueryParameters.parse(rawQuery, Set.of());
            List<ProjectionStatus.Tag> tags = readModel.status().tags();
            List<Map<String, Object>> rows = tags.stream().map(t -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("tag", t.tag());
                row.put("offset", t.offset());
                row.put("journal_max", t.journalMax());
                row.put("lag", t.lag());
                return row;
            }).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("caught_up", tags.stream().allMatch(t -> t.lag() == 0));
            body.put("tags", rows);
            return body;
        });
    }

    private static Set<String> clientFields(LeaseFamily family) {
        return family == LeaseFamily.V4 ? CLIENT_V4 : CLIENT_V6;
    }

    private static Function<String, String> address(LeaseFamily family) {
        return family == LeaseFamily.V4 ? LeaseFields::ipv4 : LeaseFields::ipv6;
    }

    private static Integer subnet(String text) {
        try {
            int id = Integer.parseInt(text);
            if (id < 0) {
                throw new IllegalArgumentException("a subnet id is not negative");
            }
            return id;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a subnet id (a whole number)");
        }
    }

    /** A body to compute; SQLException means the database failed, not the request. */
    private interface Body {
        Map<String, ?> compute() throws SQLException;
    }

    private static JsonReply answer(Body body) {
        try {
            return JsonReply.ok(body.compute());
        } catch (BadQuery e) {
            return JsonReply.error(400, e.getMessage());
        } catch (SQLException e) {
            return JsonReply.error(503, "the read model is not available: " + e.getMessage());
        }
    }
}
