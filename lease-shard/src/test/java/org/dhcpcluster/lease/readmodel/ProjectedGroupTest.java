package org.dhcpcluster.lease.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.dhcpcluster.lease.partition.PartitionEvent;
import org.dhcpcluster.lease.partition.PartitionEvent.LeaseDetails;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.dhcpcluster.lease.v4.ClientKey4;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A group of events and its offset are one transaction, and applying events the tables already
 * have changes nothing: what makes a crashed or overlapping projection harmless.
 */
class ProjectedGroupTest {
    private static final String BLOCK = "Partition|4:198.51.100.0";
    private static final long T = 1_795_000_000_000L;
    private static final byte[] A = ClientKey4.ofHardware(1, new byte[] {2, 0, 0, 0, 0, 0x0a});

    private HikariDataSource db;

    @BeforeEach
    void database() {
        DatabaseSettings settings = EmbeddedPostgresFixture.freshDatabase();
        settings.verifyAndPrepare();
        db = settings.pool("test", 2);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static EventEnvelope at(long ordering, String persistenceId, PartitionEvent e) {
        return new EventEnvelope(Offset.sequence(ordering), persistenceId, ordering, e, 0L);
    }

    private static List<EventEnvelope> bindRenewRelease() {
        return List.of(
                at(1, BLOCK, new PartitionEvent.Bound(20, 1, A, T, T + 3_600_000, 0, new LeaseDetails(null, "printer\u0000", "192.0.2.9"))),
                at(2, BLOCK, new PartitionEvent.Renewed(20, T + 1_800_000, T + 5_400_000, 0)),
                at(3, BLOCK, new PartitionEvent.Released(20, T + 2_000_000)));
    }

    @Test
    void aGroupAppliedTwiceLeavesTheSameRows() throws Exception {
        assertEquals(3, ProjectedGroup.write(db, "leases-1", bindRenewRelease()));
        List<String> once = dump();
        assertEquals(3, ProjectedGroup.write(db, "leases-1", bindRenewRelease()));
        assertEquals(once, dump());
        assertEquals(List.of(
                "lease4 198.51.100.20 hw-1-02000000000a 02:00:00:00:00:0a printer released 3",
                "lease4_history 198.51.100.20 hw-1-02000000000a released " + Instant.ofEpochMilli(T) + " " + Instant.ofEpochMilli(T + 5_400_000) + " 3",
                "offset leases-1 3"), once, "NUL is dropped from the host name; the renewal moved the interval's expiry");
    }

    @Test
    void aGroupThatFailsHalfWayLeavesNeitherRowsNorOffset() throws Exception {
        List<EventEnvelope> group = new ArrayList<>(bindRenewRelease());
        // A partition id no family can read: the group's third event fails after two were written.
        group.add(2, at(3, "Partition|4:not-an-address", new PartitionEvent.Released(1, T)));
        assertThrows(IllegalArgumentException.class, () -> ProjectedGroup.write(db, "leases-1", group));
        assertEquals(List.of(), dump(), "nothing of the group, no offset: the projection reads it all again");
    }

    @Test
    void aLaterEventIsNotUndoneByAReplayOfAnEarlierOne() throws Exception {
        ProjectedGroup.write(db, "leases-1", bindRenewRelease());
        // A second incarnation replays the first two events after the release was written.
        ProjectedGroup.write(db, "leases-1", bindRenewRelease().subList(0, 2));
        assertTrue(dump().get(0).endsWith("released 3"), dump().toString());
        assertEquals("offset leases-1 3", dump().get(2), "the offset never moves back");
    }

    /** The rows of lease4, lease4_history and the offsets, as text. */
    private List<String> dump() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT host(address), client_key, hw_address, hostname, state, last_ordering FROM lease4")) {
                while (rs.next()) {
                    out.add("lease4 " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " "
                            + rs.getString(5) + " " + rs.getLong(6));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT host(address), client_key, end_reason, started_at, expires_at, last_ordering"
                    + " FROM lease4_history")) {
                while (rs.next()) {
                    out.add("lease4_history " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
                            + rs.getTimestamp(4).toInstant() + " " + rs.getTimestamp(5).toInstant() + " " + rs.getLong(6));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT tag, ordering FROM lease_projection_offset")) {
                while (rs.next()) {
                    out.add("offset " + rs.getString(1) + " " + rs.getLong(2));
                }
            }
        }
        return out;
    }
}
