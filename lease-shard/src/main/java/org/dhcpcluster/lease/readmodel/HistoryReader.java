package org.dhcpcluster.lease.readmodel;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads the binding intervals ({@code lease4_history}, {@code lease6_history}): who held an
 * address at a given time, and what a client held over time. An interval still open whose lease
 * has run out reads as ended at its expiry, for reason "expired".
 */
public final class HistoryReader {
    /** Who: which column a client lookup matches. */
    public enum ClientColumn {
        CLIENT("client_key = ?"), HW_ADDRESS("hw_address = ?"), CLIENT_ID("client_id = ?"), DUID("duid = ?"),
        HOSTNAME("lower(hostname) = lower(?)");

        final String condition;

        ClientColumn(String condition) {
            this.condition = condition;
        }
    }

    private final DataSource db;
    private final LeaseFamily family;

    public HistoryReader(DataSource db, LeaseFamily family) {
        this.db = db;
        this.family = family;
    }

    /** The intervals of {@code address} that ran at {@code at}: one, unless the address was ever bound twice. */
    public List<Map<String, Object>> heldAt(String address, Instant at, long now) throws SQLException {
        return heldAtSql(family, address, at, now).rows(db);
    }

    /** The intervals of {@code address}, newest first. */
    public List<Map<String, Object>> ofAddress(String address, int limit, long now) throws SQLException {
        return select(family, now).and("address = ?::inet", address).append(" ORDER BY started_at DESC LIMIT ?", limit).rows(db);
    }

    /** What one client held, newest first. */
    public List<Map<String, Object>> ofClient(ClientColumn column, String value, int limit, long now) throws SQLException {
        return ofClientSql(family, column, value, limit, now).rows(db);
    }

    static SqlQuery heldAtSql(LeaseFamily family, String address, Instant at, long now) {
        return select(family, now).and("address = ?::inet AND started_at <= ? AND coalesce(ended_at, expires_at) > ?", address, at, at)
                .append(" ORDER BY started_at DESC");
    }

    static SqlQuery ofClientSql(LeaseFamily family, ClientColumn column, String value, int limit, long now) {
        return select(family, now).and(column.condition, value).append(" ORDER BY started_at DESC LIMIT ?", limit);
    }

    private static SqlQuery select(LeaseFamily family, long now) {
        Instant t = Instant.ofEpochMilli(now);
        return new SqlQuery("SELECT " + family.addressText + " AS address, client_key AS client, started_at AS started,"
                + " coalesce(ended_at, expires_at) AS ends,"
                + " CASE WHEN ended_at IS NOT NULL THEN end_reason WHEN expires_at <= ? THEN 'expired' END AS end_reason, "
                + family.historyColumns + " FROM " + family.history + " WHERE true", t);
    }
}
