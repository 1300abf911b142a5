package org.dhcpcluster.lease.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dhcpcluster.lease.partition.PartitionEntity;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.ReadModelCluster;
import org.dhcpcluster.lease.testing.TestPolicies;
import org.dhcpcluster.lease.v4.Answer4;
import org.dhcpcluster.lease.v4.policy.AddressRange;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.junit.jupiter.api.Test;

/**
 * The journal pruner keeps a busy partition's journal within the stated bound (2 x 500 events
 * after the older snapshot, here plus at most one write batch), deletes nothing the read model
 * lacks or that is younger than its minimum age, and leaves a partition that recovers with all
 * its bindings.
 */
class JournalPrunerTest {
    private static final String ENTITY = "4:198.51.100.0";
    private static final String PID = "Partition|" + ENTITY;
    private static final int CLIENTS = 10;
    private static final int RENEWALS_EACH = 300;
    private static final Subnet4 NET = TestPolicies.subnet(1, "198.51.100.0/24",
            List.of(new AddressRange(TestPolicies.ip("198.51.100.10"), TestPolicies.ip("198.51.100.250"))), Map.of(), Map.of(), false);
    private static final Policy4 POLICY = TestPolicies.policy(NET);

    @Test
    void aBusyPartitionsJournalStaysBoundedAndThePartitionStillRecovers() throws Exception {
        List<ClientMessages4> clients = new ArrayList<>();
        List<Integer> addresses = new ArrayList<>();
        ReadModelCluster cluster = new ReadModelCluster("prune", POLICY);
        try {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(new ClientMessages4(0x100 + i));
                addresses.add(bind(cluster, clients.get(i)));
            }
            // Renewals from all clients at once, so the partition writes them in batches, as it does under load.
            for (int round = 0; round < RENEWALS_EACH; round++) {
                List<CompletableFuture<Answer4>> acks = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    acks.add(cluster.leases4.handle(clients.get(i).newTransaction().requestRenewing(Ipv4.format(addresses.get(i))), NET,
                            TestPolicies.ip(TestPolicies.SERVICE_ADDRESS), cluster.clock.millis()).toCompletableFuture());
                }
                acks.forEach(a -> assertInstanceOf(Answer4.Ack.class, a.join(), a.join()::toString));
                cluster.clock.advance(Duration.ofSeconds(10));
            }
            cluster.awaitProjected(Duration.ofMinutes(1));
            long written = rows(cluster);
            long highest = cluster.count("SELECT max(sequence_number) FROM event_journal WHERE persistence_id = '" + PID + "'");
            long older = cluster.count("SELECT min(sequence_number) FROM (SELECT sequence_number FROM snapshot WHERE persistence_id = '"
                    + PID + "' ORDER BY sequence_number DESC LIMIT 2) s");
            assertEquals(CLIENTS * (1 + RENEWALS_EACH), written);
            assertEquals(2, cluster.count("SELECT count(*) FROM snapshot WHERE persistence_id = '" + PID + "'"), "two snapshots kept");

            // Rows younger than the minimum age stay, whatever else holds.
            long now = System.currentTimeMillis();
            assertEquals(0, new JournalPruner(cluster.readModel.dataSource(), Duration.ofMinutes(10), 100).prune(now));

            // A projection behind the journal: nothing past its offset goes.
            String tag = PartitionEntity.tagOf(ENTITY);
            long projected = cluster.count("SELECT ordering FROM lease_projection_offset WHERE tag = '" + tag + "'");
            long behind = cluster.count("SELECT ordering FROM event_journal WHERE persistence_id = '" + PID + "' AND sequence_number = "
                    + (older - 300));
            long pastBehind = cluster.count("SELECT count(*) FROM event_journal WHERE ordering > " + behind);
            cluster.execute("UPDATE lease_projection_offset SET ordering = " + behind + " WHERE tag = '" + tag + "'");
            long deleted = new JournalPruner(cluster.readModel.dataSource(), Duration.ZERO, 100).prune(now);
            assertEquals(older - 300, deleted, "the rows up to the projection's offset went, in batches of 100");
            assertEquals(pastBehind, cluster.count("SELECT count(*) FROM event_journal WHERE ordering > " + behind));

            // Caught up again: everything at or below the older snapshot goes, and no more.
            cluster.execute("UPDATE lease_projection_offset SET ordering = " + projected + " WHERE tag = '" + tag + "'");
            new JournalPruner(cluster.readModel.dataSource(), Duration.ZERO, 100).prune(now);
            long left = rows(cluster);
            System.out.printf("%d events journaled (highest sequence number %d); older kept snapshot at %d; %d rows left after pruning (bound %d)%n",
                    written, highest, older, left, 2 * JournalPruner.SNAPSHOT_EVERY + CLIENTS);
            assertEquals(highest - older, left, "every row above the older snapshot stays, every row at or below it went");
            assertTrue(left <= 2 * JournalPruner.SNAPSHOT_EVERY + CLIENTS, left + " rows: more than 2 x 500 plus one write batch");
            assertEquals(highest, cluster.count("SELECT max(sequence_number) FROM event_journal WHERE persistence_id = '" + PID + "'"));
        } finally {
            cluster.close();
        }

        // A new incarnation recovers from the snapshot and the rows left: every client's binding is there.
        try (ReadModelCluster again = new ReadModelCluster("prune-restart", cluster.db, POLICY)) {
            again.clock.advance(Duration.ofSeconds(10L * RENEWALS_EACH));
            for (int i = 0; i < CLIENTS; i++) {
                Answer4.Ack ack = assertInstanceOf(Answer4.Ack.class, send(again,
                        clients.get(i).newTransaction().requestRenewing(Ipv4.format(addresses.get(i)))));
                assertEquals(addresses.get(i), ack.address());
            }
            ClientMessages4 stranger = new ClientMessages4(0x999);
            Answer4.Offer offer = assertInstanceOf(Answer4.Offer.class,
                    send(again, stranger.newTransaction().discoverRequesting(Ipv4.format(addresses.get(0)))));
            assertTrue(!addresses.contains(offer.address()), "a bound address is not offered to another client after recovery");
        }
    }

    private static long rows(ReadModelCluster cluster) throws Exception {
        return cluster.count("SELECT count(*) FROM event_journal WHERE persistence_id = '" + PID + "'");
    }

    private static int bind(ReadModelCluster cluster, ClientMessages4 c) {
        Answer4.Offer offer = assertInstanceOf(Answer4.Offer.class, send(cluster, c.newTransaction().discover()));
        return assertInstanceOf(Answer4.Ack.class, send(cluster, c.requestSelecting(TestPolicies.SERVICE_ADDRESS, offer.address()))).address();
    }

    private static Answer4 send(ReadModelCluster cluster, DhcpV4Message m) {
        return cluster.send(m, NET);
    }
}
