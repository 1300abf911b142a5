package org.dhcpcluster.lease.readmodel;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dhcpcluster.lease.partition.PartitionEvent;

/**
 * What one partition event does to a family's current-lease table and its history, in SQL.
 *
 * <p>Every statement is guarded by the journal ordering of the event ({@code last_ordering},
 * {@code bound_ordering}), so applying an event the tables already have changes nothing: a
 * projection that replays events after a crash, or two projection incarnations overlapping for
 * a moment, leave the same rows.
 */
final class LeaseTableWriter {
    private final LeaseColumns family;
    private final String upsertLease;
    private final String insertHistory;
    private final String renewLease;
    private final String renewHistory;
    private final String releaseLease;
    private final String closeHistory;

    LeaseTableWriter(LeaseColumns family) {
        this.family = family;
        String t = family.table();
        String h = family.history();
        String preferred = family.preferredLifetime() ? ", preferred_until = ?" : "";
        List<String> lease = columns(Stream.of("address", "subnet_id", "client_key"), family.identityColumns().stream(),
                Stream.of("state", "bound_at", "expires_at", "relay", "updated_at", "last_ordering"));
        List<String> history = columns(Stream.of("bound_ordering", "address", "subnet_id", "client_key"), family.identityColumns().stream(),
                Stream.of("relay", "started_at", "expires_at", "last_ordering"));
        this.upsertLease = insert(t, lease) + " ON CONFLICT (address) DO UPDATE SET "
                + lease.stream().filter(c -> !c.equals("address")).map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "))
                + " WHERE " + t + ".last_ordering < EXCLUDED.last_ordering";
        this.insertHistory = insert(h, history) + " ON CONFLICT (bound_ordering) DO NOTHING";
        this.renewLease = "UPDATE " + t + " SET state = 'bound', expires_at = ?, updated_at = ?, last_ordering = ?" + preferred
                + " WHERE address = ?::inet AND last_ordering < ?";
        this.renewHistory = "UPDATE " + h + " SET expires_at = ?, last_ordering = ?" + preferred
                + " WHERE address = ?::inet AND ended_at IS NULL AND last_ordering < ?";
        this.releaseLease = "UPDATE " + t + " SET state = 'released', expires_at = ?, updated_at = ?, last_ordering = ?"
                + " WHERE address = ?::inet AND last_ordering < ?";
        // An interval whose lease ran out before the event that closes it ended by expiry, then.
        this.closeHistory = "UPDATE " + h + " SET end_reason = CASE WHEN expires_at <= ? THEN 'expired' ELSE ? END,"
                + " ended_at = LEAST(expires_at, ?), last_ordering = ? WHERE address = ?::inet AND ended_at IS NULL AND last_ordering < ?";
    }

    private List<String> columns(Stream<String> head, Stream<String> identity, Stream<String> tail) {
        List<String> all = Stream.concat(Stream.concat(head, identity), tail).collect(Collectors.toCollection(ArrayList::new));
        if (family.preferredLifetime()) {
            all.add("preferred_until");
        }
        return all;
    }

    private static String insert(String table, List<String> columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(c -> c.equals("address") ? "?::inet" : "?").collect(Collectors.joining(", ")) + ")";
    }

    /** One statement to run: its SQL and its values, in order. */
    record Statement(String sql, List<Object> values) {
    }

    /** The address an event of partition {@code entityId} is about. */
    String address(String entityId, PartitionEvent event) {
        int offset = event instanceof PartitionEvent.Bound b ? b.offset() : event instanceof PartitionEvent.Renewed r ? r.offset()
                : event instanceof PartitionEvent.Released r ? r.offset() : event instanceof PartitionEvent.Declined d ? d.offset() : -1;
        return offset < 0 ? null : family.address(entityId, offset);
    }

    /**
     * The statements that apply one event of partition {@code entityId}, journaled at
     * {@code ordering}, in the order they must run; other events need none. Statements of events
     * about different addresses touch different rows, so a group's events can run side by side.
     */
    List<Statement> statements(String entityId, long ordering, PartitionEvent event) {
        List<Statement> out = new ArrayList<>(3);
        apply(out, entityId, ordering, event);
        return out;
    }

    private void apply(List<Statement> c, String entityId, long ordering, PartitionEvent event) {
        if (event instanceof PartitionEvent.Bound b) {
            bound(c, entityId, ordering, b);
        } else if (event instanceof PartitionEvent.Renewed r) {
            String address = family.address(entityId, r.offset());
            Object preferred = family.preferredLifetime() ? time(r.preferredUntil()) : null;
            execute(c, renewLease, withPreferred(preferred, time(r.expiresAt()), time(r.at()), ordering), address, ordering);
            execute(c, renewHistory, withPreferred(preferred, time(r.expiresAt()), ordering), address, ordering);
        } else if (event instanceof PartitionEvent.Released r) {
            String address = family.address(entityId, r.offset());
            execute(c, releaseLease, List.of(time(r.at()), time(r.at()), ordering), address, ordering);
            close(c, address, r.at(), "released", ordering);
        } else if (event instanceof PartitionEvent.Declined d) {
            String address = family.address(entityId, d.offset());
            close(c, address, d.at(), "declined", ordering);
            List<Object> row = new ArrayList<>(List.of(address, d.subnetId(), family.clientKey(d.holder())));
            row.addAll(family.identity(entityId, d.holder(), null));
            row.addAll(Arrays.asList("declined", null, time(d.quarantinedUntil()), null, time(d.at()), ordering));
            if (family.preferredLifetime()) {
                row.add(null);
            }
            execute(c, upsertLease, row);
        }
    }

    private void bound(List<Statement> c, String entityId, long ordering, PartitionEvent.Bound b) {
        String address = family.address(entityId, b.offset());
        close(c, address, b.at(), "replaced", ordering);
        List<Object> who = family.identity(entityId, b.holder(), b.details());
        String key = family.clientKey(b.holder());
        String relay = b.details() == null ? null : LeaseColumns.storable(b.details().via());
        Object preferred = b.preferredUntil() > 0 ? time(b.preferredUntil()) : null;

        List<Object> history = new ArrayList<>(List.of(ordering, address, b.subnetId(), key));
        history.addAll(who);
        history.addAll(Arrays.asList(relay, time(b.at()), time(b.expiresAt()), ordering));
        List<Object> lease = new ArrayList<>(List.of(address, b.subnetId(), key));
        lease.addAll(who);
        lease.addAll(Arrays.asList("bound", time(b.at()), time(b.expiresAt()), relay, time(b.at()), ordering));
        if (family.preferredLifetime()) {
            history.add(preferred);
            lease.add(preferred);
        }
        execute(c, insertHistory, history);
        execute(c, upsertLease, lease);
    }

    /** Ends the address's open interval, if any, for {@code reason} at {@code at} (or at its expiry if that came first). */
    private void close(List<Statement> c, String address, long at, String reason, long ordering) {
        execute(c, closeHistory, List.of(time(at), reason, time(at), ordering), address, ordering);
    }

    private static List<Object> withPreferred(Object preferred, Object... values) {
        List<Object> out = new ArrayList<>(Arrays.asList(values));
        if (preferred != null) {
            out.add(preferred);
        }
        return out;
    }

    /** {@code sql} with {@code values}, then the WHERE clause's address and ordering. */
    private static void execute(List<Statement> c, String sql, List<Object> values, String address, long ordering) {
        List<Object> all = new ArrayList<>(values);
        all.add(address);
        all.add(ordering);
        execute(c, sql, all);
    }

    private static void execute(List<Statement> c, String sql, List<Object> values) {
        c.add(new Statement(sql, values));
    }

    /** Binds a statement's values to a prepared statement of its SQL. */
    static void bind(PreparedStatement ps, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v == null) {
                ps.setNull(i + 1, Types.NULL);
            } else {
                ps.setObject(i + 1, v);
            }
        }
    }

    private static OffsetDateTime time(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
