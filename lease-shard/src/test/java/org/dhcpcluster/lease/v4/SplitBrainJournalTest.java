package org.dhcpcluster.lease.v4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.persistence.LeaseJournal4;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.dhcpcluster.lease.testing.PostgresPartitions;
import org.dhcpcluster.lease.testing.TestPolicies;
import org.dhcpcluster.lease.testing.TestPolicies6;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.junit.jupiter.api.Test;

/**
 * The worst case the split-brain resolver exists to prevent, forced: two clusters that each
 * believe they own every shard, journaling to the same PostgreSQL. Both run the same partition
 * (same persistence id) at once and race clients for the same addresses.
 *
 * <p>No address may end up bound to two clients. What guarantees it is the journal's primary key
 * (persistence id, sequence number): an incarnation that did not see the other's last event
 * writes a sequence number that is already taken, its write fails, it answers nothing, and it
 * recovers the other's events before it answers again. So the invariant does not depend on the
 * resolver's timing, only availability does.
 */
class SplitBrainJournalTest {
    private static final int CLIENTS_PER_SIDE = 30;

    /** DISCOVER then REQUEST, retried as a client would; the address if ACKed. */
    private static Optional<Integer> lease(Leases4 leases, Subnet4 subnet, ClientMessages4 client) {
        ClientMessages4 transaction = client;
        for (int attempt = 0; attempt < 4; attempt++) {
            transaction = transaction.newTransaction();
            long now = System.currentTimeMillis() + attempt * 4_000L;
            Answer4 offer = leases.handle(transaction.discover(), subnet, TestPolicies.ip(TestPolicies.SERVICE_ADDRESS), now)
                    .toCompletableFuture().join();
            if (!(offer instanceof Answer4.Offer o)) {
                continue;
            }
            Answer4 ack = leases.handle(transaction.requestSelecting(TestPolicies.SERVICE_ADDRESS, o.address()), subnet,
                    TestPolicies.ip(TestPolicies.SERVICE_ADDRESS), now).toCompletableFuture().join();
            if (ack instanceof Answer4.Ack a) {
                return Optional.of(a.address());
            }
        }
        return Optional.empty();
    }

    @Test
    void twoIncarnationsOfOnePartitionNeverBindAnAddressTwice() throws Exception {
        DatabaseSettings db = EmbeddedPostgresFixture.freshDatabase();
        Subnet4 subnet = TestPolicies.lan().subnet(1).orElseThrow();
        Map<String, Integer> acked = new ConcurrentHashMap<>();
        try (PostgresPartitions left = new PostgresPartitions("left", db, TestPolicies::lan, TestPolicies6::lan);
             PostgresPartitions right = new PostgresPartitions("right", db, TestPolicies::lan, TestPolicies6::lan)) {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int i = 0; i < CLIENTS_PER_SIDE; i++) {
                for (PostgresPartitions side : List.of(left, right)) {
                    int n = (side == left ? 10_000 : 20_000) + i;
                    runs.add(CompletableFuture.runAsync(() -> lease(side.leases4(), subnet, new ClientMessages4(n))
                            .ifPresent(address -> acked.put(side.system().name() + "/client-" + n, address))));
                }
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();

            Map<Integer, List<String>> clientsPerAddress = acked.entrySet().stream()
                    .collect(Collectors.groupingBy(Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
            clientsPerAddress.forEach((address, clients) ->
                    assertEquals(1, clients.size(), Ipv4.format(address) + " was ACKed to " + clients));

            LeaseJournal4 journal = new LeaseJournal4(left.system());
            long now = System.currentTimeMillis();
            assertEquals(List.of(), journal.boundTwice(now).toCompletableFuture().get(),
                    "the journal's history shows an address bound to two clients at once");
            Map<Integer, LeaseJournal4.Binding> bound = journal.bindings(now).toCompletableFuture().get().stream()
                    .filter(b -> b.state().equals("bound")).collect(Collectors.toMap(LeaseJournal4.Binding::address, b -> b));
            for (int address : acked.values()) {
                assertTrue(bound.containsKey(address), Ipv4.format(address) + " was ACKed but is not bound in the journal");
            }
            // Without ACKs on both sides there was no race and the checks above held trivially.
            for (PostgresPartitions side : List.of(left, right)) {
                long served = acked.keySet().stream().filter(k -> k.startsWith(side.system().name() + "/")).count();
                assertTrue(served > 0, side.system().name() + " ACKed no client: only one incarnation ran, the race did not happen");
            }
            assertTrue(acked.size() >= CLIENTS_PER_SIDE, "the two sides served only " + acked.size() + " of " + 2 * CLIENTS_PER_SIDE
                    + " clients: the race did not happen as intended");
            System.out.printf("split brain: %d of %d clients ACKed, %d addresses bound, none twice%n",
                    acked.size(), 2 * CLIENTS_PER_SIDE, bound.size());
        }
    }
}
