package org.dhcpcluster.lease.readmodel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** SQL text with its parameters, built clause by clause; values are always bound, never spliced in. */
final class SqlQuery {
    private final StringBuilder text;
    private final List<Object> parameters = new ArrayList<>();

    SqlQuery(String head, Object... values) {
        this.text = new StringBuilder(head);
        parameters.addAll(Arrays.asList(values));
    }

    SqlQuery and(String condition, Object... values) {
        return append(" AND " + condition, values);
    }

    SqlQuery append(String more, Object... values) {
        text.append(more);
        parameters.addAll(Arrays.asList(values));
        return this;
    }

    String text() {
        return text.toString();
    }

    List<Object> parameters() {
        return List.copyOf(parameters);
    }

    /** Prepares {@code prefix} + this statement (e.g. "EXPLAIN ") with the parameters bound. */
    PreparedStatement prepare(Connection c, String prefix) throws SQLException {
        PreparedStatement ps = c.prepareStatement(prefix + text);
        for (int i = 0; i < parameters.size(); i++) {
            Object v = parameters.get(i);
            ps.setObject(i + 1, v instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : v);
        }
        return ps;
    }

    PreparedStatement prepare(Connection c) throws SQLException {
        return prepare(c, "");
    }

    /** Runs the query; each row as column label -> value, in select order, timestamps as {@link Instant}. */
    List<Map<String, Object>> rows(DataSource db) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = prepare(c); ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.put(meta.getColumnLabel(i), v instanceof Timestamp t ? t.toInstant() : v);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
