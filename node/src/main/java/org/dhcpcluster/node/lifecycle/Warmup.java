package org.dhcpcluster.node.lifecycle;

import java.net.Inet4Address;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.dhcpcluster.lease.partition.Decision;
import org.dhcpcluster.lease.partition.Holder;
import org.dhcpcluster.lease.partition.PartitionAnswer;
import org.dhcpcluster.lease.partition.PartitionDirectory;
import org.dhcpcluster.lease.partition.PartitionEntity;
import org.dhcpcluster.lease.partition.PartitionEvent;
import org.dhcpcluster.lease.partition.PartitionKey;
import org.dhcpcluster.lease.partition.PartitionState;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.v4.Answer4;
import org.dhcpcluster.lease.v4.Block4;
import org.dhcpcluster.lease.v4.ClientKey4;
import org.dhcpcluster.lease.v4.Leases4;
import org.dhcpcluster.lease.v4.Request4;
import org.dhcpcluster.lease.v4.Rules4;
import org.dhcpcluster.lease.v4.policy.AddressRange;
import org.dhcpcluster.lease.v4.policy.LeaseTimes;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v4.policy.Prefix4;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.lease.v6.Answer6;
import org.dhcpcluster.lease.v6.Hint6;
import org.dhcpcluster.lease.v6.IaKey;
import org.dhcpcluster.lease.v6.IaType;
import org.dhcpcluster.lease.v6.Kind6;
import org.dhcpcluster.lease.v6.Request6;
import org.dhcpcluster.lease.v6.Rules6;
import org.dhcpcluster.lease.v6.policy.Lifetimes6;
import org.dhcpcluster.lease.v6.policy.Policy6;
import org.dhcpcluster.lease.v6.policy.Subnet6;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.lease.v6.space.Pool6;
import org.dhcpcluster.lease.v6.space.SliceKey;
import org.dhcpcluster.node.edge.v4.ReplyBuilder4;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.DhcpV4Options;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.OptionCode;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.Duid;
import org.dhcpcluster.protocol.v6.codec.DhcpV6Codec;
import org.dhcpcluster.protocol.v6.option.IaAddress;
import org.dhcpcluster.protocol.v6.option.IdentityAssociation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node does before it reports ready, so that ready means it serves at its warm rate
 * (invariant 7): a freshly started JVM interprets its code and compiles the hot paths only
 * after thousands of calls, and a partition recovers from the journal on its first message. A
 * node taking traffic cold answered a fraction of its warm rate for its first tens of seconds.
 *
 * <ol>
 *   <li>(Before this node's shard region starts, so no partition is placed on a node still
 *       warming up.) The DHCPv4 path (and the DHCPv6 one when it is served), decode - decide - reply - encode,
 *       and the Kryo form of what crosses the cluster, run {@value #EXCHANGES} times over a
 *       throw-away partition in memory (documentation addresses; nothing is journaled or sent).</li>
 *   <li>{@value #JOURNAL_CLIENTS} clients lease and release through a partition of its own on the
 *       real journal (asks, persistence, JDBC), whose rows are deleted afterwards.</li>
 *   <li>Every partition of the configured pools is woken (recovered where it lives, on this node
 *       or another) up to {@value #MAX_PARTITIONS}, {@value #PARALLEL} at a time.</li>
 * </ol>
 */
public final class Warmup {
    private static final Logger log = LoggerFactory.getLogger(Warmup.class);
    static final int EXCHANGES = 20_000;
    static final int MAX_PARTITIONS = 20_000;
    static final int PARALLEL = 32;
    static final int JOURNAL_CLIENTS = 3_000;
    private static final Duration WAKE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration WAKE_DEADLINE = Duration.ofMinutes(2);

    private Warmup() {
    }

    /**
     * Steps 1 and 2, run before this node hosts any partition: while it exercises, its CPU is
     * busy and its code cold, and a partition placed on it then would answer slowly, so the
     * coordinator must not know this node's shard region yet (the caller starts it afterwards).
     */
    public static void exercise(ActorSystem<?> system, DatabaseSettings db, Optional<Policy6> policy6) {
        long started = System.nanoTime();
        int exchanges = exerciseV4(system) + (policy6.isPresent() ? exerciseV6(system) : 0);
        int journaled = exerciseThroughJournal(system, db);
        log.info("event=warm_up_exercised exchanges={} through_journal={} ms={}", exchanges, journaled,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Step 3, once this node's shard region is up: every pool partition recovered wherever it lives. */
    public static void wakePartitions(ActorSystem<?> system, PartitionDirectory partitions, Policy4 policy4, Optional<Policy6> policy6) {
        long started = System.nanoTime();
        List<PartitionKey> keys = partitionsOf(policy4, policy6);
        int woken = wake(system, partitions, keys);
        log.info("event=warmed_up partitions={} woken={} ms={}", keys.size(), woken, (System.nanoTime() - started) / 1_000_000);
    }

    private static final Inet4Address SERVER = Ipv4.parse("192.0.2.1");
    /** The warm-up's own subnet (documentation addresses); it never reaches a real partition. */
    private static final Subnet4 SUBNET = new Subnet4(1, Prefix4.parse("192.0.2.0/24"),
            List.of(new AddressRange(Ipv4.toInt(Ipv4.parse("192.0.2.10")), Ipv4.toInt(Ipv4.parse("192.0.2.250")))),
            DhcpV4Options.builder().put(OptionCode.ROUTERS, SERVER.getAddress()).build(), LeaseTimes.of(3600), Map.of(),
            Map.of(), List.of(), Optional.empty(), false, Ipv4.ANY);
    private static final Policy4 POLICY = new Policy4(SERVER, List.of(SUBNET), Duration.ofSeconds(30), Duration.ofHours(1));

    /** DORA for {@value #EXCHANGES} synthetic clients through the real codec, rules and reply builder. */
    static int exerciseV4(ActorSystem<?> system) {
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(system));
        ActorRef<PartitionAnswer> nobody = system.deadLetters();
        Inet4Address server = SERVER;
        Subnet4 subnet = SUBNET;
        Policy4 policy = POLICY;
        Rules4 rules = new Rules4(() -> policy);
        Block4 block = Block4.of(Ipv4.toInt(server));
        PartitionState state = new PartitionState(Block4.SIZE);
        long now = System.currentTimeMillis();
        int done = 0;
        for (int i = 0; i < EXCHANGES; i++) {
            if (i % 200 == 0) {
                state = new PartitionState(Block4.SIZE);
            }
            byte[] mac = {0x02, 0, 0, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
            DhcpV4Message discover = decoded(DhcpV4Message.builder().op(DhcpV4Message.BOOTREQUEST).xid(i).clientHardwareAddress(mac)
                    .messageType(DhcpMessageType.DISCOVER).option(OptionCode.PARAMETER_REQUEST_LIST, new byte[] {1, 3, 6, 51}).build());
            Holder holder = new Holder(1, ClientKey4.of(discover));
            Request4 ask = Leases4.request(discover, DhcpMessageType.DISCOVER.code(), holder, Request4.Find.ANY, 0, false, now);
            Decision offered = rules.decide(ask, block, state, now);
            serialization.serialize(new PartitionEntity.Handle(ask, nobody)).get();
            if (!(offered.answer() instanceof Answer4.Offer o)) {
                continue;
            }
            state.holds().hold(offered.holdOffset(), holder, offered.holdUntil());
            DhcpV4Codec.encode(ReplyBuilder4.offer(discover, server, subnet, Optional.empty(), o.address(), o.leaseSeconds()), 548);
            DhcpV4Message request = decoded(DhcpV4Message.builder().op(DhcpV4Message.BOOTREQUEST).xid(i).clientHardwareAddress(mac)
                    .messageType(DhcpMessageType.REQUEST).address(OptionCode.SERVER_IDENTIFIER, server)
                    .address(OptionCode.REQUESTED_IP_ADDRESS, Ipv4.fromInt(o.address())).build());
            Decision bound = rules.decide(Leases4.request(request, DhcpMessageType.REQUEST.code(), holder, Request4.Find.ANY, o.address(),
                    true, now), block, state, now);
            for (PartitionEvent e : bound.events()) {
                state.applyAhead(e);
                serialization.serialize(e).get();
            }
            state.takePendingEvents();
            if (bound.answer() instanceof Answer4.Ack a) {
                serialization.serialize(a).get();
                DhcpV4Codec.encode(ReplyBuilder4.ack(request, server, subnet, Optional.empty(), a.address(), a.leaseSeconds()), 548);
                done++;
            }
        }
        return done;
    }

    /** SOLICIT and REQUEST for {@value #EXCHANGES} synthetic IA_NAs through the real v6 codec, rules and Kryo. */
    static int exerciseV6(ActorSystem<?> system) {
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(system));
        Address128 prefix = Address128.parse("2001:db8:ffff::");
        Subnet6 link = new Subnet6(1, prefix, 64, Optional.empty(), List.of(), List.of(),
                List.of(Pool6.addresses(Address128.parse("2001:db8:ffff::1000"), Address128.parse("2001:db8:ffff::1fff"))), List.of(),
                Lifetimes6.withDefaultTimers(3000, 4000), false, List.of(), Map.of());
        Policy6 policy = new Policy6(List.of(link), Duration.ofSeconds(60), Duration.ofHours(1));
        Rules6 rules = new Rules6(() -> policy);
        SliceKey slice = SliceKey.of(Address128.parse("2001:db8:ffff::1000"), 128);
        PartitionState state = new PartitionState(slice.size());
        Duid server = Duid.of(new byte[] {0, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        long now = System.currentTimeMillis();
        int done = 0;
        for (int i = 0; i < EXCHANGES; i++) {
            if (i % 2000 == 0) {
                state = new PartitionState(slice.size());
            }
            Duid duid = Duid.ll(1, new byte[] {2, 0, 0, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i});
            ClientServerMessage solicit = decoded6(ClientServerMessage.builder(DhcpV6MessageType.SOLICIT).transactionId(i).clientId(duid)
                    .add(IdentityAssociation.na(1, 0, 0, DhcpV6Options.builder().build()).toOption()).build());
            Holder holder = new Holder(1, IaKey.of(solicit.clientId().orElseThrow().bytes(), IaType.NA, 1));
            Request6 ask = new Request6(holder, i, 1, 0, now, Kind6.SOLICIT, Request6.Find.ANY, List.of(), false, null);
            Decision advertised = rules.decide(ask, slice, state, now);
            serialization.serialize(new PartitionEntity.Handle(ask, system.deadLetters())).get();
            if (!(advertised.answer() instanceof Answer6.IaResult offered) || offered.items().isEmpty()) {
                continue;
            }
            state.holds().hold(advertised.holdOffset(), holder, advertised.holdUntil());
            Answer6.Granted6 g = offered.items().get(0);
            Request6 bind = new Request6(holder, i, 3, 0, now, Kind6.REQUEST, Request6.Find.ANY, List.of(new Hint6(g.item(), g.length())),
                    false, null);
            Decision bound = rules.decide(bind, slice, state, now);
            for (PartitionEvent e : bound.events()) {
                state.applyAhead(e);
                serialization.serialize(e).get();
            }
            state.takePendingEvents();
            if (bound.answer() instanceof Answer6.IaResult r && !r.items().isEmpty()) {
                serialization.serialize(r).get();
                DhcpV6Codec.encode(ClientServerMessage.replyTo(solicit, DhcpV6MessageType.REPLY).serverId(server)
                        .add(IdentityAssociation.na(1, 1500, 2400, DhcpV6Options.builder()
                                .add(new IaAddress(r.items().get(0).item().toInet6(), 3000, 4000).toOption()).build()).toOption())
                        .build());
                done++;
            }
        }
        return done;
    }

    private static ClientServerMessage decoded6(ClientServerMessage m) {
        try {
            return (ClientServerMessage) DhcpV6Codec.decode(DhcpV6Codec.encode(m));
        } catch (DecodeException e) {
            throw new IllegalStateException("the warm-up's own SOLICIT does not decode: " + e.getMessage(), e);
        }
    }

    /**
     * DORA and RELEASE for {@value #JOURNAL_CLIENTS} synthetic clients, {@value #PARALLEL} at a
     * time, through a partition entity of its own (not sharded, events untagged) on the real
     * journal: the actor, persistence and JDBC paths the pure exercise does not reach. Its rows are
     * deleted afterwards. Returns the clients ACKed.
     */
    static int exerciseThroughJournal(ActorSystem<?> system, DatabaseSettings db) {
        String persistenceId = "Warmup|" + UUID.randomUUID();
        Block4 block = Block4.of(Ipv4.toInt(SERVER));
        ActorRef<PartitionEntity.Command> partition = system.systemActorOf(
                PartitionEntity.detached(persistenceId, block, new Rules4(() -> POLICY), Clock.systemUTC()),
                "warm-up-" + persistenceId.substring(7), Props.empty());
        Leases4 leases = new Leases4(key -> partition, () -> POLICY, system.scheduler());
        AtomicInteger acked = new AtomicInteger();
        try {
            List<CompletableFuture<Void>> chains = new ArrayList<>();
            for (int c = 0; c < PARALLEL; c++) {
                CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                for (int i = c; i < JOURNAL_CLIENTS; i += PARALLEL) {
                    int n = i;
                    chain = chain.thenCompose(ignored -> leaseAndRelease(leases, n, acked));
                }
                chains.add(chain);
            }
            CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            log.warn("event=warm_up_journal_incomplete acked={} error=\"{}\"", acked.get(), e.toString());
        } finally {
            stopAndWait(system, partition, persistenceId);
            try (Connection c = db.connect(); PreparedStatement journal = c.prepareStatement(
                    "DELETE FROM event_journal WHERE persistence_id = ?"); PreparedStatement snapshots = c.prepareStatement(
                    "DELETE FROM snapshot WHERE persistence_id = ?")) {
                journal.setString(1, persistenceId);
                journal.executeUpdate();
                snapshots.setString(1, persistenceId);
                snapshots.executeUpdate();
            } catch (SQLException e) {
                log.warn("event=warm_up_rows_left persistence_id={} error=\"{}\"", persistenceId, e.getMessage());
            }
        }
        return acked.get();
    }

    /** Stops the warm-up partition and waits until it has, so nothing it writes on the way out outlives the deletion. */
    private static void stopAndWait(ActorSystem<?> system, ActorRef<PartitionEntity.Command> partition,
                                    String persistenceId) {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        system.systemActorOf(Behaviors.<Void>setup(ctx -> {
            ctx.watch(partition);
            partition.tell(PartitionEntity.STOP);
            return Behaviors.<Void>receiveSignal((c, signal) -> {
                if (signal instanceof Terminated) {
                    stopped.complete(null);
                    return Behaviors.stopped();
                }
                return Behaviors.same();
            });
        }), "warm-up-stop-" + persistenceId.substring(7), Props.empty());
        try {
            stopped.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("event=warm_up_partition_not_stopped error=\"{}\"", e.toString());
        }
    }

    private static CompletionStage<Void> leaseAndRelease(Leases4 leases, int n, AtomicInteger acked) {
        byte[] mac = {0x02, 0, 0x77, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        int server = Ipv4.toInt(SERVER);
        long now = System.currentTimeMillis();
        DhcpV4Message discover = DhcpV4Message.builder().op(DhcpV4Message.BOOTREQUEST).xid(n).clientHardwareAddress(mac)
                .messageType(DhcpMessageType.DISCOVER).build();
        return leases.handle(discover, SUBNET, server, now).thenCompose(offer -> {
            if (!(offer instanceof Answer4.Offer o)) {
                return CompletableFuture.completedFuture(null);
            }
            DhcpV4Message request = DhcpV4Message.builder().op(DhcpV4Message.BOOTREQUEST).xid(n).clientHardwareAddress(mac)
                    .messageType(DhcpMessageType.REQUEST).address(OptionCode.SERVER_IDENTIFIER, SERVER)
                    .address(OptionCode.REQUESTED_IP_ADDRESS, Ipv4.fromInt(o.address())).build();
            return leases.handle(request, SUBNET, server, now).thenCompose(ack -> {
                if (!(ack instanceof Answer4.Ack a)) {
                    return CompletableFuture.completedFuture(null);
                }
                acked.incrementAndGet();
                DhcpV4Message release = DhcpV4Message.builder().op(DhcpV4Message.BOOTREQUEST).xid(n + 1).clientHardwareAddress(mac)
                        .ciaddr(Ipv4.fromInt(a.address())).messageType(DhcpMessageType.RELEASE)
                        .address(OptionCode.SERVER_IDENTIFIER, SERVER).build();
                return leases.handle(release, SUBNET, server, now).thenApply(r -> (Void) null);
            });
        });
    }

    private static DhcpV4Message decoded(DhcpV4Message m) {
        try {
            return DhcpV4Codec.decode(DhcpV4Codec.encode(m, 548));
        } catch (DecodeException e) {
            throw new IllegalStateException("the warm-up's own DISCOVER does not decode: " + e.getMessage(), e);
        }
    }

    static List<PartitionKey> partitionsOf(Policy4 policy4, Optional<Policy6> policy6) {
        List<PartitionKey> keys = new ArrayList<>();
        for (Subnet4 s : policy4.subnets()) {
            for (int base : policy4.blockBases(s)) {
                keys.add(new Block4(base));
            }
        }
        policy6.ifPresent(p -> {
            for (Subnet6 s : p.subnets()) {
                for (boolean pd : new boolean[] {false, true}) {
                    for (Pool6 pool : s.poolsFor(pd)) {
                        keys.addAll(pool.activeSlices());
                    }
                }
            }
        });
        return keys.stream().distinct().limit(MAX_PARTITIONS).toList();
    }

    private static int wake(ActorSystem<?> system, PartitionDirectory partitions, List<PartitionKey> keys) {
        long deadline = System.nanoTime() + WAKE_DEADLINE.toNanos();
        int woken = 0;
        for (int from = 0; from < keys.size(); from += PARALLEL) {
            List<CompletableFuture<Done>> batch = new ArrayList<>();
            for (PartitionKey key : keys.subList(from, Math.min(keys.size(), from + PARALLEL))) {
                batch.add(AskPattern.<PartitionEntity.Command, Done>ask(partitions.partition(key), PartitionEntity.Wake::new, WAKE_TIMEOUT,
                        system.scheduler()).toCompletableFuture());
            }
            for (CompletableFuture<Done> f : batch) {
                try {
                    f.get(WAKE_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
                    woken++;
                } catch (Exception e) {
                    log.warn("event=warm_up_partition_slow error=\"{}\"", e.toString());
                }
            }
            if (System.nanoTime() > deadline) {
                log.warn("event=warm_up_partitions_cut_short woken={} of={}", woken, keys.size());
                break;
            }
        }
        return woken;
    }
}
