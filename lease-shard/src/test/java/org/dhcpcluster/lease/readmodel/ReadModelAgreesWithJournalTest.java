package org.dhcpcluster.lease.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.dhcpcluster.lease.persistence.LeaseJournal4;
import org.dhcpcluster.lease.persistence.LeaseJournal6;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.ReadModelCluster;
import org.dhcpcluster.lease.testing.TestPolicies;
import org.dhcpcluster.lease.v4.Answer4;
import org.dhcpcluster.lease.v4.policy.AddressRange;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.lease.v6.Hint6;
import org.dhcpcluster.lease.v6.IaReply;
import org.dhcpcluster.lease.v6.IaType;
import org.dhcpcluster.lease.v6.Kind6;
import org.dhcpcluster.lease.v6.Leases6;
import org.dhcpcluster.lease.v6.Status6;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.OptionCode;
import org.junit.jupiter.api.Test;

/**
 * Many DHCPv4 and DHCPv6 leases and renewals (in rounds renewing three quarters of the clients each) through real partitions on PostgreSQL, with the
 * projection running: once it has caught up, every row of lease4 and lease6 is what the
 * journal itself says ({@link LeaseJournal4}, {@link LeaseJournal6} fold the events), and the
 * history holds one interval per binding and no overlap.
 *
 * <p>{@code -Dreadmodel.leases=10000 -Dreadmodel.renewals=50000} runs the full count.
 */
class ReadModelAgreesWithJournalTest {
    private static final int LEASES = Integer.getInteger("readmodel.leases", 2_000);
    private static final int RENEWALS = Integer.getInteger("readmodel.renewals", 8_000);
    private static final int V6_CLIENTS = 200;
    private static final int IN_FLIGHT = 64;
    /** RFC 2544's benchmarking range: room for 65,536 addresses, none of them anyone's. */
    private static final Subnet4 BENCH = TestPolicies.subnet(1, "198.18.0.0/16",
            List.of(new AddressRange(TestPolicies.ip("198.18.0.10"), TestPolicies.ip("198.18.255.250"))), Map.of(), Map.of(), false);

    @Test
    void everyRowAgreesWithWhatTheJournalFoldsTo() throws Exception {
        try (ReadModelCluster cluster = new ReadModelCluster("agree", TestPolicies.policy(BENCH))) {
            long start = System.nanoTime();
            List<Bound4> bound = run(LEASES, i -> dora(cluster, i));
            // Renewals in rounds a minute apart, each renewing distinct clients in random order (one
            // client's exchanges are sequential, as a real client's are).
            Random random = new Random(7);
            cluster.clock.advance(Duration.ofMinutes(10));
            int perRound = bound.size() * 3 / 4;
            for (int done = 0; done < RENEWALS; done += perRound) {
                List<Bound4> round = new ArrayList<>(bound);
                Collections.shuffle(round, random);
                List<Bound4> renewing = round.subList(0, Math.min(perRound, RENEWALS - done));
                run(renewing.size(), i -> renew(cluster, renewing.get(i)));
                cluster.clock.advance(Duration.ofMinutes(1));
            }
            // Some end early: a release every 50th, a decline every 97th.
            for (int i = 0; i < bound.size(); i += 50) {
                Bound4 b = bound.get(i);
                Answer4 a = cluster.leases4.handle(b.dressed().dress(b.client().newTransaction().release(TestPolicies.SERVICE_ADDRESS,
                        Ipv4.format(b.address()))), BENCH, TestPolicies.ip(TestPolicies.SERVICE_ADDRESS), cluster.clock.millis())
                        .toCompletableFuture().join();
                assertTrue(a.toString().contains("released"), a::toString);
            }
            run(V6_CLIENTS, i -> solicitRequestRenew(cluster, i));
            double loadSeconds = (System.nanoTime() - start) / 1e9;

            long caughtUp = System.nanoTime();
            cluster.awaitProjected(Duration.ofMinutes(5));
            double projectSeconds = (System.nanoTime() - caughtUp) / 1e9;
            // Half a minute before the last round's renewals run out (the clock moved a minute past
            // that round), after the earlier rounds' did: both sides must tell expired from bound.
            cluster.clock.advance(Duration.ofMinutes(58).plusSeconds(30));
            long now = cluster.clock.millis();

            Map<String, String> journal4 = new TreeMap<>();
            for (LeaseJournal4.Binding b : new LeaseJournal4(cluster.system).bindings(now).toCompletableFuture().join()) {
                journal4.put(b.addressText(), b.subnetId() + " " + b.clientKey() + " " + Instant.ofEpochMilli(b.expiresAt()) + " " + b.state());
            }
            Map<String, String> table4 = new TreeMap<>();
            for (Map<String, Object> row : all(cluster.readModel.leases(LeaseFamily.V4), now)) {
                table4.put((String) row.get("address"), row.get("subnet_id") + " " + row.get("client") + " " + row.get("expires") + " "
                        + row.get("state"));
            }
            Map<String, String> journal6 = new TreeMap<>();
            for (LeaseJournal6.Binding b : new LeaseJournal6(cluster.system).bindings(now).toCompletableFuture().join()) {
                journal6.put(b.addressText(), b.clientKey() + " " + Instant.ofEpochMilli(b.expiresAt()) + " " + b.state());
            }
            Map<String, String> table6 = new TreeMap<>();
            for (Map<String, Object> row : all(cluster.readModel.leases(LeaseFamily.V6), now)) {
                table6.put((String) row.get("address"), row.get("subnet_id") + ":" + row.get("client") + " " + row.get("expires") + " "
                        + row.get("state"));
            }
            System.out.printf("%d v4 leases, %d renewals, %d v6 IAs (NA and PD) in %.1f s; projection caught up %.1f s later;"
                    + " lease4 %d rows, lease6 %d rows, %d journal events%n", LEASES, RENEWALS, V6_CLIENTS, loadSeconds, projectSeconds,
                    table4.size(), table6.size(), cluster.count("SELECT count(*) FROM event_journal"));

            assertEquals(LEASES, journal4.size());
            assertEquals(List.of(), differences(journal4, table4));
            assertEquals(2 * V6_CLIENTS, journal6.size());
            assertEquals(List.of(), differences(journal6, table6));
            assertTrue(journal4.values().stream().anyMatch(s -> s.endsWith(" released")), "releases were projected");
            assertTrue(journal4.values().stream().anyMatch(s -> s.endsWith(" expired")), "expiry is derived at read time");
            assertTrue(journal4.values().stream().anyMatch(s -> s.endsWith(" bound")), "renewed leases still run");
            // One history interval per Bound event, and what the table has of the client.
            assertEquals(cluster.count("SELECT count(*) FROM lease4"), cluster.count("SELECT count(*) FROM lease4_history"));
            assertEquals(0, cluster.count("SELECT count(*) FROM lease4 WHERE hw_address IS NULL OR hostname IS NULL"));
            assertEquals(LEASES / 2, cluster.count("SELECT count(*) FROM lease4 WHERE client_id IS NOT NULL"));
            assertEquals(List.of(), HistoryCheck.overlaps(cluster.readModel.dataSource(), LeaseFamily.V4));
            assertEquals(List.of(), HistoryCheck.overlaps(cluster.readModel.dataSource(), LeaseFamily.V6));
        }
    }

    /** Addresses whose journal record and table row differ, at most 20, each as "address: journal | table". */
    private static List<String> differences(Map<String, String> journal, Map<String, String> table) {
        Set<String> addresses = new TreeSet<>(journal.keySet());
        addresses.addAll(table.keySet());
        return addresses.stream().filter(a -> !Objects.equals(journal.get(a), table.get(a)))
                .map(a -> a + ": " + journal.get(a) + " | " + table.get(a)).limit(20).toList();
    }

    private static List<Map<String, Object>> all(LeaseReader reader, long now) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            LeaseReader.Page page = reader.page(LeaseQuery.all().after(after), now);
            rows.addAll(page.rows());
            after = page.next();
        } while (after.isPresent());
        return rows;
    }

    /** A v4 client that names itself (option 12); every other one sends a client identifier (option 61) too. */
    private record Client4(ClientMessages4 messages, int n) {
        DhcpV4Message dress(DhcpV4Message m) {
            DhcpV4Message.Builder b = m.toBuilder().option(OptionCode.HOST_NAME, ("host-" + n).getBytes(StandardCharsets.US_ASCII));
            if (n % 2 == 0) {
                b.option(OptionCode.CLIENT_IDENTIFIER, HexFormat.of().parseHex("ff00000000" + String.format("%08x", n)));
            }
            return b.build();
        }
    }

    private record Bound4(ClientMessages4 client, int address, Client4 dressed) {
    }

    private static CompletionStage<Bound4> dora(ReadModelCluster cluster, int n) {
        Client4 c = new Client4(new ClientMessages4(n).via("198.18.0.1"), n);
        int server = TestPolicies.ip(TestPolicies.SERVICE_ADDRESS);
        return cluster.leases4.handle(c.dress(c.messages().newTransaction().discover()), BENCH, server, cluster.clock.millis())
                .thenCompose(offer -> cluster.leases4.handle(c.dress(c.messages().requestSelecting(TestPolicies.SERVICE_ADDRESS,
                        assertInstanceOf(Answer4.Offer.class, offer, () -> "client " + n + ": " + offer).address())), BENCH, server, cluster.clock.millis()))
                .thenApply(ack -> new Bound4(c.messages(), assertInstanceOf(Answer4.Ack.class, ack, () -> "client " + n + ": " + ack).address(), c));
    }

    private static CompletionStage<Answer4> renew(ReadModelCluster cluster, Bound4 b) {
        DhcpV4Message m = b.dressed().dress(b.client().newTransaction().requestRenewing(Ipv4.format(b.address())));
        return cluster.leases4.handle(m, BENCH, TestPolicies.ip(TestPolicies.SERVICE_ADDRESS), cluster.clock.millis())
                .thenApply(a -> assertInstanceOf(Answer4.Ack.class, a, a::toString));
    }

    /** One client, an address and a prefix: SOLICIT, REQUEST, then a RENEW of each. */
    private static CompletionStage<Void> solicitRequestRenew(ReadModelCluster cluster, int n) {
        byte[] duid = HexFormat.of().parseHex("00030001" + String.format("%012x", 0x020000000000L + n));
        List<CompletableFuture<?>> ias = new ArrayList<>();
        for (IaType type : List.of(IaType.NA, IaType.PD)) {
            ias.add(ia(cluster, duid, type, n * 4L, Kind6.SOLICIT, List.of())
                    .thenCompose(adv -> ia(cluster, duid, type, n * 4L + 1, Kind6.REQUEST, hints(adv)))
                    .thenCompose(rep -> ia(cluster, duid, type, n * 4L + 2, Kind6.RENEW, hints(rep))).toCompletableFuture());
        }
        return CompletableFuture.allOf(ias.toArray(CompletableFuture[]::new));
    }

    private static CompletionStage<IaReply.IaAnswer> ia(ReadModelCluster cluster, byte[] duid, IaType type, long xid, Kind6 kind,
                                                        List<Hint6> hints) {
        int code = switch (kind) {
            case SOLICIT -> 1;
            case REQUEST -> 3;
            case RENEW -> 5;
            default -> throw new IllegalArgumentException(kind.toString());
        };
        Leases6.Message m = new Leases6.Message(kind, code, (int) xid, 0, duid, false, "2001:db8:ff::2", cluster.clock.millis());
        return cluster.leases6.handle(m, new Leases6.Ia(type, 1, hints), cluster.policy6.get().subnet(1).orElseThrow())
                .thenApply(r -> {
                    IaReply.IaAnswer a = assertInstanceOf(IaReply.IaAnswer.class, r);
                    assertEquals(Status6.SUCCESS, a.status(), a.message());
                    return a;
                });
    }

    private static List<Hint6> hints(IaReply.IaAnswer a) {
        return a.items().stream().map(g -> new Hint6(g.item(), g.length())).toList();
    }

    /**
     * Runs {@code count} exchanges, {@value #IN_FLIGHT} at a time, and returns their results in
     * order. An exchange that fails is tried again twice, as a client retransmits: the first asks
     * of a cold cluster wait for the shard coordinator and for partitions to recover.
     */
    private static <T> List<T> run(int count, Function<Integer, CompletionStage<T>> exchange) throws Exception {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<T>> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            slots.acquire();
            int n = i;
            CompletableFuture<T> f = exchange.apply(n).toCompletableFuture()
                    .exceptionallyCompose(e -> exchange.apply(n))
                    .exceptionallyCompose(e -> exchange.apply(n));
            f.whenComplete((v, e) -> slots.release());
            all.add(f);
        }
        List<T> out = new ArrayList<>(count);
        for (CompletableFuture<T> f : all) {
            out.add(f.join());
        }
        return out;
    }
}
