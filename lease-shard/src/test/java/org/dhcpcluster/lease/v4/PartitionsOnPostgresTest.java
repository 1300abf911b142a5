package org.dhcpcluster.lease.v4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.dhcpcluster.lease.testing.PostgresPartitions;
import org.dhcpcluster.lease.testing.TestPolicies;
import org.dhcpcluster.lease.testing.TestPolicies6;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.junit.jupiter.api.Test;

/** Sharded partitions journaling to real PostgreSQL through pekko-persistence-jdbc and Kryo, across a restart of everything. */
class PartitionsOnPostgresTest {
    @Test
    void bindingsJournaledInPostgresSurviveARestartOfTheWholeSystem() {
        DatabaseSettings db = EmbeddedPostgresFixture.freshDatabase();
        Subnet4 lan = TestPolicies.lan().subnet(1).orElseThrow();
        int server = TestPolicies.ip(TestPolicies.SERVICE_ADDRESS);
        List<Integer> addresses = new ArrayList<>();
        try (PostgresPartitions node = new PostgresPartitions("first", db, TestPolicies::lan, TestPolicies6::lan)) {
            for (int i = 0; i < 20; i++) {
                ClientMessages4 c = new ClientMessages4(9000 + i);
                long now = System.currentTimeMillis();
                var offer = assertInstanceOf(Answer4.Offer.class, node.leases4().handle(c.discover(), lan, server, now).toCompletableFuture().join());
                var ack = assertInstanceOf(Answer4.Ack.class, node.leases4().handle(c.requestSelecting(TestPolicies.SERVICE_ADDRESS,
                        offer.address()), lan, server, now).toCompletableFuture().join());
                addresses.add(ack.address());
            }
        }
        try (PostgresPartitions node = new PostgresPartitions("second", db, TestPolicies::lan, TestPolicies6::lan)) {
            for (int i = 0; i < 20; i++) {
                ClientMessages4 c = new ClientMessages4(9000 + i).newTransaction();
                var ack = assertInstanceOf(Answer4.Ack.class, node.leases4().handle(c.requestRenewing(Ipv4.format(addresses.get(i))), lan,
                        server, System.currentTimeMillis()).toCompletableFuture().join());
                assertEquals(addresses.get(i), ack.address());
            }
            ClientMessages4 stranger = new ClientMessages4(9999);
            assertInstanceOf(Answer4.Silent.class, node.leases4().handle(stranger.requestInitReboot(Ipv4.format(addresses.get(0))), lan, server,
                    System.currentTimeMillis()).toCompletableFuture().join(), "a recovered binding is not given to another client");
        }
    }
}
