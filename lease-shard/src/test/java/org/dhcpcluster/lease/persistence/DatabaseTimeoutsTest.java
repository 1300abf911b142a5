package org.dhcpcluster.lease.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.dhcpcluster.lease.testing.PostgresPartitions;
import org.dhcpcluster.lease.testing.TestPolicies;
import org.dhcpcluster.lease.testing.TestPolicies6;
import org.dhcpcluster.lease.v4.Answer4;
import org.junit.jupiter.api.Test;

/**
 * Every connection the node opens carries its limits to PostgreSQL, so a database that is down,
 * slow or silently gone fails a call in bounded time instead of holding a partition or an API
 * request: asked of the server itself, not of our configuration.
 */
class DatabaseTimeoutsTest {

    @Test
    void theReadModelsPoolRunsEveryStatementUnderAStatementTimeout() throws SQLException {
        DatabaseSettings db = EmbeddedPostgresFixture.freshDatabase();
        try (HikariDataSource pool = db.pool("read-model", 1); Connection c = pool.getConnection();
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW statement_timeout")) {
            assertTrue(r.next());
            assertEquals("30s", r.getString(1));
        }
    }

    @Test
    void theJournalsConnectionsReachPostgresWithTheirDriverSettings() throws Exception {
        DatabaseSettings db = EmbeddedPostgresFixture.freshDatabase();
        try (PostgresPartitions node = new PostgresPartitions("timeouts", db, TestPolicies::lan, TestPolicies6::lan)) {
            Answer4 offer = node.leases4().handle(new ClientMessages4(1).discover(), TestPolicies.lan().subnet(1).orElseThrow(),
                    TestPolicies.ip(TestPolicies.SERVICE_ADDRESS), System.currentTimeMillis()).toCompletableFuture().get();
            assertTrue(offer instanceof Answer4.Offer, "the partition recovered through the journal's pool: " + offer);
            // The driver settings travel together (dhcp-persistence.conf, db.properties): the
            // server seeing this one proves the statement timeout beside it reached it too.
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dhcp-journal'")) {
                assertTrue(r.next());
                assertTrue(r.getInt(1) >= 1, "no journal connection announced itself: the pool's driver properties are not applied");
            }
        }
    }
}
