package org.dhcpcluster.lease.readmodel;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads the current-lease tables for the lease API: one page of rows in address order, each
 * as an ordered map (address, client, state first). The state is derived at the read's time:
 * expiry writes no event, so a bound or declined row whose time has passed reads as expired.
 */
public final class LeaseReader {
    /** A page of rows; {@code next} is the address to continue after, empty on the last page. */
    public record Page(List<Map<String, Object>> rows, Optional<String> next) {
    }

    /** The state as the API shows it, given the read's time as the first parameter. */
    static final String STATE = "CASE WHEN state = 'released' THEN 'released' WHEN expires_at <= ? THEN 'expired' ELSE state END";

    private final DataSource db;
    private final LeaseFamily family;

    public LeaseReader(DataSource db, LeaseFamily family) {
        this.db = db;
        this.family = family;
    }

    public Page page(LeaseQuery q, long now) throws SQLException {
        List<Map<String, Object>> rows = sql(family, q, now).rows(db);
        Optional<String> next = rows.size() == q.limit() ? Optional.of((String) rows.get(rows.size() - 1).get("address")) : Optional.empty();
        return new Page(rows, next);
    }

    /** The statement for a page (public to the package: the index tests EXPLAIN exactly this). */
    static SqlQuery sql(LeaseFamily family, LeaseQuery q, long now) {
        Instant at = Instant.ofEpochMilli(now);
        SqlQuery sql = new SqlQuery("SELECT " + family.addressText + " AS address, client_key AS client, " + STATE
                + " AS state, expires_at AS expires, " + family.leaseColumns + " FROM " + family.leases + " WHERE true", at);
        q.after().ifPresent(a -> sql.and("address > ?::inet", a));
        q.subnet().ifPresent(s -> sql.and("subnet_id = ?", s));
        q.address().ifPresent(a -> sql.and("address = ?::inet", a));
        q.client().ifPresent(k -> sql.and("client_key = ?", k));
        q.hwAddress().ifPresent(h -> sql.and("hw_address = ?", h));
        q.clientId().ifPresent(id -> sql.and("client_id = ?", id));
        q.duid().ifPresent(d -> sql.and("duid = ?", d));
        q.hostname().ifPresent(h -> sql.and("lower(hostname) = lower(?)", h));
        q.state().ifPresent(s -> {
            switch (s) {
                case "bound", "declined" -> sql.and("state = ? AND expires_at > ?", s, at);
                case "expired" -> sql.and("state <> 'released' AND expires_at <= ?", at);
                case "released" -> sql.and("state = 'released'");
                default -> throw new IllegalArgumentException("state " + s + " is not bound, expired, released or declined");
            }
        });
        // The table's column, not the output's text "address": keyset paging compares inet values.
        return sql.append(" ORDER BY " + family.leases + ".address LIMIT ?", q.limit());
    }
}
