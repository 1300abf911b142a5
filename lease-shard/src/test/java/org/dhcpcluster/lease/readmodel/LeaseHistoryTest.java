package org.dhcpcluster.lease.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.ReadModelCluster;
import org.dhcpcluster.lease.testing.TestPolicies;
import org.dhcpcluster.lease.v4.Answer4;
import org.dhcpcluster.lease.v4.policy.AddressRange;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.junit.jupiter.api.Test;

/**
 * The lease history answers "who held 198.51.100.20 at time T" across a release and a re-binding
 * by another client, and its self-check finds two holders of one address at once.
 */
class LeaseHistoryTest {
    private static final String ADDRESS = "198.51.100.20";
    private static final Subnet4 NET = TestPolicies.subnet(1, "198.51.100.0/24",
            List.of(new AddressRange(TestPolicies.ip("198.51.100.10"), TestPolicies.ip("198.51.100.250"))), Map.of(), Map.of(), false);

    @Test
    void whoHeldTheAddressAtEachTimeAcrossAReleaseAndAnotherClientsBinding() throws Exception {
        try (ReadModelCluster cluster = new ReadModelCluster("history", TestPolicies.policy(NET))) {
            ClientMessages4 a = new ClientMessages4(0xa);
            ClientMessages4 b = new ClientMessages4(0xb);
            Instant start = cluster.clock.instant();
            bind(cluster, a);
            cluster.clock.advance(Duration.ofMinutes(40));
            send(cluster, a.newTransaction().release(TestPolicies.SERVICE_ADDRESS, ADDRESS));
            cluster.clock.advance(Duration.ofMinutes(20));
            bind(cluster, b);
            cluster.awaitProjected(Duration.ofMinutes(1));

            HistoryReader history = cluster.readModel.history(LeaseFamily.V4);
            long now = cluster.clock.millis();
            assertEquals(List.of("hw-1-02000000000a"), clients(history.heldAt(ADDRESS, start.plus(Duration.ofMinutes(30)), now)));
            assertEquals(List.of(), clients(history.heldAt(ADDRESS, start.plus(Duration.ofMinutes(50)), now)), "free after the release");
            assertEquals(List.of("hw-1-02000000000b"), clients(history.heldAt(ADDRESS, start.plus(Duration.ofMinutes(70)), now)));
            assertEquals(List.of(), clients(history.heldAt(ADDRESS, start.plus(Duration.ofHours(3)), now)), "B's lease ran out");

            List<Map<String, Object>> ofA = history.ofClient(HistoryReader.ClientColumn.HW_ADDRESS, "02:00:00:00:00:0a", 10, now);
            assertEquals(1, ofA.size(), ofA.toString());
            assertEquals("released", ofA.get(0).get("end_reason"));
            assertEquals(start.plus(Duration.ofMinutes(40)), ofA.get(0).get("ends"));
            assertEquals(2, history.ofAddress(ADDRESS, 10, now).size());

            assertEquals(List.of(), HistoryCheck.overlaps(cluster.readModel.dataSource(), LeaseFamily.V4));
            // Plant what the partitions never write: a third client holding the address during B's lease.
            cluster.execute("INSERT INTO lease4_history (bound_ordering, address, subnet_id, client_key, started_at, expires_at,"
                    + " last_ordering) VALUES (999999, '" + ADDRESS + "', 1, 'hw-1-02000000000c', '" + start.plus(Duration.ofMinutes(65))
                    + "', '" + start.plus(Duration.ofHours(2)) + "', 999999)");
            List<String> overlaps = HistoryCheck.overlaps(cluster.readModel.dataSource(), LeaseFamily.V4);
            assertEquals(1, overlaps.size(), overlaps.toString());
            assertTrue(overlaps.get(0).contains("hw-1-02000000000b") && overlaps.get(0).contains("hw-1-02000000000c"), overlaps.get(0));
            assertEquals(2, clients(history.heldAt(ADDRESS, start.plus(Duration.ofMinutes(70)), now)).size(),
                    "an address bound twice shows both holders");
        }
    }

    private static List<Object> clients(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("client")).toList();
    }

    private static void bind(ReadModelCluster cluster, ClientMessages4 c) {
        Answer4.Offer offer = assertInstanceOf(Answer4.Offer.class, send(cluster, c.newTransaction().discoverRequesting(ADDRESS)));
        assertEquals(TestPolicies.ip(ADDRESS), offer.address());
        assertInstanceOf(Answer4.Ack.class, send(cluster, c.requestSelecting(TestPolicies.SERVICE_ADDRESS, offer.address())));
    }

    private static Answer4 send(ReadModelCluster cluster, DhcpV4Message m) {
        return cluster.send(m, NET);
    }
}
