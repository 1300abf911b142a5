package org.dhcpcluster.lease.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.dhcpcluster.lease.partition.PartitionDirectory;
import org.dhcpcluster.lease.partition.PartitionEntity;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.readmodel.JournalMaintenance;
import org.dhcpcluster.lease.readmodel.ProjectionStatus;
import org.dhcpcluster.lease.readmodel.ReadModel;
import org.dhcpcluster.lease.v4.Answer4;
import org.dhcpcluster.lease.v4.Leases4;
import org.dhcpcluster.lease.v4.Rules4;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.lease.v6.Leases6;
import org.dhcpcluster.lease.v6.Rules6;
import org.dhcpcluster.lease.v6.policy.Policy6;
import org.dhcpcluster.protocol.v4.DhcpV4Message;

/**
 * A one-node cluster as the node runs it, on its own embedded-PostgreSQL database: sharded
 * partitions journaling through pekko-persistence-jdbc, and the read model's projection
 * running. The periodic journal maintenance is left to the tests (its interval is a day).
 */
public final class ReadModelCluster implements AutoCloseable {
    public final DatabaseSettings db;
    public final ActorSystem<Void> system;
    public final MutableClock clock = MutableClock.startingAt2026();
    public final AtomicReference<Policy4> policy4;
    public final AtomicReference<Policy6> policy6 = new AtomicReference<>(TestPolicies6.lan());
    public final PartitionDirectory partitions;
    public final ReadModel readModel;
    public final Leases4 leases4;
    public final Leases6 leases6;

    public ReadModelCluster(String name, Policy4 policy) {
        this(name, EmbeddedPostgresFixture.freshDatabase(), policy);
    }

    /** On an existing database (a restart of the same journal). */
    public ReadModelCluster(String name, DatabaseSettings db, Policy4 policy) {
        this.db = db;
        this.policy4 = new AtomicReference<>(policy);
        this.system = PostgresActorSystems.start(name, db);
        PartitionEntity.init(system, Map.of(4, new Rules4(policy4::get), 6, new Rules6(policy6::get)), clock);
        this.partitions = PartitionDirectory.sharded(system);
        this.readModel = ReadModel.start(system, db, new JournalMaintenance.Settings(Duration.ofDays(400), Duration.ofMinutes(10),
                Duration.ofDays(1), 1000), clock);
        this.leases4 = new Leases4(partitions, policy4::get, system.scheduler());
        this.leases6 = new Leases6(partitions, system.scheduler());
    }

    /**
     * A DHCPv4 message's answer, asked again up to twice if its partition did not answer: the
     * first asks of a cold cluster wait for the shard coordinator, and a client would retransmit.
     */
    public Answer4 send(DhcpV4Message m, Subnet4 subnet) {
        for (int attempt = 0; ; attempt++) {
            Answer4 a = leases4.handle(m, subnet, TestPolicies.ip(TestPolicies.SERVICE_ADDRESS), clock.millis()).toCompletableFuture().join();
            if (attempt == 2 || !(a instanceof Answer4.Silent s && s.reason() == Answer4.Silence.PARTITION_UNAVAILABLE)) {
                return a;
            }
        }
    }

    public ProjectionStatus status() {
        return readModel.status();
    }

    /** Waits until every tag's projection has every event the journal holds; fails after {@code limit}. */
    public void awaitProjected(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!status().caughtUp()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the read model did not catch up within " + limit + ": " + status().tags());
            }
            Thread.sleep(100);
        }
    }

    public long count(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public void execute(String... sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    public List<ProjectionStatus.Tag> tags() throws SQLException {
        return status().tags();
    }

    @Override
    public void close() {
        PostgresActorSystems.stop(system);
        readModel.close();
    }
}
