package org.dhcpcluster.lease.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.junit.jupiter.api.Test;

class JournalSchemaTest {

    @Test
    void applyingTheSchemaTwiceIsHarmless() throws SQLException {
        DatabaseSettings db = EmbeddedPostgresFixture.freshDatabase();
        db.verifyAndPrepare();
        db.verifyAndPrepare();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from information_schema.tables where table_name in "
                     + "('event_journal', 'event_tag', 'snapshot', 'durable_state')")) {
            rs.next();
            assertEquals(4, rs.getInt(1));
        }
    }

    @Test
    void everyPluginStatementIsMadeRerunnable() {
        for (String sql : JournalSchema.statements()) {
            assertTrue(sql.toUpperCase().contains("IF NOT EXISTS"), sql);
        }
    }

    @Test
    void anUnreachableDatabaseIsReportedPlainlyWithItsUrl() {
        DatabaseSettings nowhere = new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/dhcp", "dhcp", "x", 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, nowhere::verifyAndPrepare);
        assertTrue(e.getMessage().contains("jdbc:postgresql://127.0.0.1:1/dhcp"), e.getMessage());
        assertTrue(e.getMessage().contains("'dhcp'"), e.getMessage());
    }
}
