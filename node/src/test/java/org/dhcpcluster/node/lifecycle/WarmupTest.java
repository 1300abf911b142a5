package org.dhcpcluster.node.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.dhcpcluster.lease.testing.TestPolicies;
import org.dhcpcluster.lease.testing.TestPolicies6;
import org.dhcpcluster.lease.v4.policy.AddressRange;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.junit.jupiter.api.Test;

class WarmupTest {
    @Test
    void theExerciseRunsEveryExchangeToAnAckThroughTheRealRulesCodecAndSerializer() {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "warm-up", ConfigFactory.load());
        try {
            assertEquals(Warmup.EXCHANGES, Warmup.exerciseV4(system));
            assertEquals(Warmup.EXCHANGES, Warmup.exerciseV6(system));
        } finally {
            system.terminate();
        }
    }

    @Test
    void theJournalExerciseLeasesEveryClientAndLeavesNoRowBehind() throws Exception {
        org.dhcpcluster.lease.persistence.DatabaseSettings db = org.dhcpcluster.lease.testing.EmbeddedPostgresFixture.freshDatabase();
        ActorSystem<Void> system = org.dhcpcluster.lease.testing.PostgresActorSystems.start("warm-up-journal", db);
        try {
            assertEquals(Warmup.JOURNAL_CLIENTS, Warmup.exerciseThroughJournal(system, db));
            try (java.sql.Connection c = db.connect(); java.sql.ResultSet rs = c.createStatement().executeQuery(
                    "SELECT (SELECT count(*) FROM event_journal) + (SELECT count(*) FROM snapshot)")) {
                rs.next();
                assertEquals(0, rs.getLong(1), "the warm-up's journal rows are deleted");
            }
        } finally {
            org.dhcpcluster.lease.testing.PostgresActorSystems.stop(system);
        }
    }

    @Test
    void everyPartitionOfTheConfiguredPoolsIsWokenOnceUpToTheLimit() {
        Policy4 wide = new Policy4(TestPolicies.lan().serviceAddress(), List.of(
                TestPolicies.subnet(1, "198.16.0.0/12", List.of(new AddressRange(TestPolicies.ip("198.16.0.1"), TestPolicies.ip("198.31.255.254"))),
                        Map.of(), Map.of(), false),
                TestPolicies.subnet(2, "192.0.2.0/26", List.of(new AddressRange(TestPolicies.ip("192.0.2.10"), TestPolicies.ip("192.0.2.20"))),
                        Map.of(), Map.of(), false),
                TestPolicies.subnet(3, "192.0.2.64/26", List.of(new AddressRange(TestPolicies.ip("192.0.2.70"), TestPolicies.ip("192.0.2.80"))),
                        Map.of(), Map.of(), false)), Duration.ofSeconds(30), Duration.ofHours(1));
        // 4,096 blocks of the /12, one block shared by the two /26s, one v6 address slice and one PD slice.
        assertEquals(4096 + 1 + 2, Warmup.partitionsOf(wide, Optional.of(TestPolicies6.lan())).size());
    }
}
