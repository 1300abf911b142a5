package org.dhcpcluster.lease.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Where the journal lives, and the check made before anything depends on it. */
public record DatabaseSettings(String url, String user, String password, int poolSize) {

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", password=***, poolSize=" + poolSize + "]";
    }

    public Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(url, p);
    }

    /**
     * A small pool for this project's own SQL (read model, projection, pruner), apart from the
     * journal's, so lease API queries never wait behind journal writes. Close it at shutdown.
     */
    public HikariDataSource pool(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        // The projection writes in JDBC batches; the driver turns a batch of inserts into one statement.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // Bounded like the journal's pool (dhcp-persistence.conf): a database that is down or
        // slow fails a query in bounded time instead of holding an API request or the projection.
        config.addDataSourceProperty("connectTimeout", "5");
        config.addDataSourceProperty("socketTimeout", "60");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("options", "-c statement_timeout=30000");
        config.addDataSourceProperty("ApplicationName", "dhcp-" + name);
        return new HikariDataSource(config);
    }

    /**
     * Connects once, then applies the pending schema migrations ({@link SchemaMigrations}). A
     * database that cannot be reached otherwise shows up only as "Circuit Breaker Timed out"
     * during the first entity recovery, minutes later; this says what is wrong before the node
     * accepts traffic.
     *
     * @throws IllegalStateException with a message naming the URL, the user and the cause
     */
    public void verifyAndPrepare() {
        try (Connection c = connect()) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot use PostgreSQL at " + url + " as user '" + user + "': "
                    + e.getMessage() + (e.getSQLState() != null ? " (SQLSTATE " + e.getSQLState() + ")" : ""), e);
        }
        try {
            SchemaMigrations.migrate(this);
        } catch (SQLException | RuntimeException e) {
            throw new IllegalStateException("migrating the schema of PostgreSQL at " + url + " failed: " + e.getMessage(), e);
        }
    }

    /** The cluster's DHCPv6 server DUID ({@link ServerIdentityStore}); call after {@link #verifyAndPrepare()}. */
    public byte[] serverDuid() {
        try (Connection c = connect()) {
            return ServerIdentityStore.serverDuid(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the DHCPv6 server DUID from PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }
}
