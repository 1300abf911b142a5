package org.dhcpcluster.lease.carryover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.persistence.LeaseJournal4;
import org.dhcpcluster.lease.persistence.LeaseJournal6;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.dhcpcluster.lease.testing.PostgresPartitions;
import org.dhcpcluster.lease.testing.TestPolicies;
import org.dhcpcluster.lease.testing.TestPolicies6;
import org.dhcpcluster.lease.v4.Answer4;
import org.dhcpcluster.lease.v4.ClientKey4;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.lease.v6.Hint6;
import org.dhcpcluster.lease.v6.IaReply;
import org.dhcpcluster.lease.v6.IaType;
import org.dhcpcluster.lease.v6.Kind6;
import org.dhcpcluster.lease.v6.Leases6;
import org.dhcpcluster.lease.v6.Status6;
import org.junit.jupiter.api.Test;

/**
 * A journal written by the first lease design (Block4 and Slice6 authorities) is carried into
 * partitions once, at start: its clients keep their addresses, nobody else gets them, and a
 * second start carries nothing again.
 */
class CarryOverTest {
    private static final String DUID = "00030001020000000042";

    private static void write(PostgresPartitions node, String persistenceId, List<Object> events) {
        var writer = node.system().systemActorOf(new LegacyJournalWriter(persistenceId), "legacy-" + persistenceId.replaceAll("[^A-Za-z0-9]", "-"),
                org.apache.pekko.actor.typed.Props.empty());
        AskPattern.<LegacyJournalWriter.Write, Done>ask(writer, r -> new LegacyJournalWriter.Write(events, r), Duration.ofSeconds(10),
                node.system().scheduler()).toCompletableFuture().join();
    }

    @Test
    void leasesOfTheFirstDesignAreCarriedIntoPartitionsOnceAndKeepTheirClients() throws Exception {
        DatabaseSettings db = EmbeddedPostgresFixture.freshDatabase();
        long now = System.currentTimeMillis();
        ClientMessages4 holder = new ClientMessages4(7001);
        ClientMessages4 releaser = new ClientMessages4(7002);
        String holderKey = ClientKey4.text(ClientKey4.of(holder.discover()));
        String releaserKey = ClientKey4.text(ClientKey4.of(releaser.discover()));
        int held = TestPolicies.ip("192.0.2.150");
        int released = TestPolicies.ip("192.0.2.151");
        int declined = TestPolicies.ip("192.0.2.152");
        try (PostgresPartitions old = new PostgresPartitions("old", db, TestPolicies::lan, TestPolicies6::lan)) {
            write(old, "Block4|192.0.2.0", List.of(
                    new LegacyEvents.AddressBound(held, holderKey, now + 3_600_000),
                    new LegacyEvents.AddressBound(released, releaserKey, now + 3_600_000),
                    new LegacyEvents.AddressReleased(released, releaserKey, now - 1_000),
                    new LegacyEvents.AddressDeclined(declined, "hw-1-020000000999", now + 3_600_000),
                    new LegacyEvents.OffersHandedOver(List.of(new LegacyEvents.HeldOffer(TestPolicies.ip("192.0.2.153"), "hw-1-02", now)))));
            write(old, "Slice6|L128@2001:db8:1::", List.of(
                    new LegacyEvents.ItemBound(0x1234, "1:" + DUID + ":na:1", now + 4_000_000)));
        }

        try (PostgresPartitions node = new PostgresPartitions("new", db, TestPolicies::lan, TestPolicies6::lan)) {
            Map<String, Integer> carried = CarryOver.run(node.system(), db, node.partitions(),
                    List.of(new FirstDesign4(TestPolicies::lan), new FirstDesign6()));
            assertEquals(Map.of("first-design-v4", 3, "first-design-v6", 1), carried);

            Subnet4 lan = TestPolicies.lan().subnet(1).orElseThrow();
            int server = TestPolicies.ip(TestPolicies.SERVICE_ADDRESS);
            long t = System.currentTimeMillis();
            var renewed = assertInstanceOf(Answer4.Ack.class, node.leases4().handle(holder.newTransaction().requestRenewing("192.0.2.150"), lan,
                    server, t).toCompletableFuture().join());
            assertEquals(held, renewed.address());
            var stranger = new ClientMessages4(7003);
            assertInstanceOf(Answer4.Silent.class, node.leases4().handle(stranger.requestInitReboot("192.0.2.150"), lan, server, t)
                    .toCompletableFuture().join(), "a carried-over lease is not given to another client");
            assertInstanceOf(Answer4.Silent.class, node.leases4().handle(stranger.newTransaction().requestInitReboot("192.0.2.152"), lan, server, t)
                    .toCompletableFuture().join(), "a carried-over quarantine still holds");
            var back = assertInstanceOf(Answer4.Offer.class, node.leases4().handle(releaser.newTransaction().discover(), lan, server, t)
                    .toCompletableFuture().join());
            assertEquals(released, back.address(), "a client that had released its address is offered it first");

            IaReply v6 = node.leases6().handle(new Leases6.Message(Kind6.RENEW, 5, 77, 0, HexFormat.of().parseHex(DUID), false, null, t),
                    new Leases6.Ia(IaType.NA, 1, List.of(new Hint6(TestPolicies6.a("2001:db8:1::1234"), 128))),
                    TestPolicies6.lan().subnet(1).orElseThrow()).toCompletableFuture().join();
            assertEquals(Status6.SUCCESS, assertInstanceOf(IaReply.IaAnswer.class, v6).status());
            assertEquals(4000, ((IaReply.IaAnswer) v6).items().get(0).validLifetime());

            assertEquals(Map.of(), CarryOver.run(node.system(), db, node.partitions(),
                    List.of(new FirstDesign4(TestPolicies::lan), new FirstDesign6())), "a second start carries nothing");
            assertEquals(List.of(), new LeaseJournal4(node.system()).boundTwice(t).toCompletableFuture().get());
            long boundV4 = new LeaseJournal4(node.system()).bindings(t).toCompletableFuture().get().stream()
                    .filter(b -> b.address() == held && b.state().equals("bound")).count();
            assertEquals(1, boundV4);
            assertTrue(new LeaseJournal6(node.system()).bindings(t).toCompletableFuture().get().stream()
                    .anyMatch(b -> b.clientKey().equals("1:" + DUID + ":na:1") && b.state().equals("bound")));
        }
    }
}
