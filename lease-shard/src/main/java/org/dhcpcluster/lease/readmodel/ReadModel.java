package org.dhcpcluster.lease.readmodel;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.dhcpcluster.lease.persistence.DatabaseSettings;

/**
 * The lease read model on one node: its connection pool, the readers the lease API uses, and
 * (cluster-wide, wherever sharding puts them) the projection instances and the journal
 * maintenance. Start after the schema is migrated and the node has joined the cluster.
 */
public final class ReadModel implements AutoCloseable {
    /** Projection streams hold a connection only while writing a group; the API and the maintenance share the rest. */
    static final int POOL_SIZE = 4;

    private final HikariDataSource pool;

    private ReadModel(HikariDataSource pool) {
        this.pool = pool;
    }

    public static ReadModel start(ActorSystem<?> system, DatabaseSettings db, JournalMaintenance.Settings maintenance, Clock clock) {
        HikariDataSource pool = db.pool("read-model", POOL_SIZE);
        ProjectionDaemon.init(system, pool);
        JournalMaintenance.init(system, pool, maintenance, clock);
        return new ReadModel(pool);
    }

    public DataSource dataSource() {
        return pool;
    }

    public LeaseReader leases(LeaseFamily family) {
        return new LeaseReader(pool, family);
    }

    public HistoryReader history(LeaseFamily family) {
        return new HistoryReader(pool, family);
    }

    public ProjectionStatus status() {
        return new ProjectionStatus(pool);
    }

    @Override
    public void close() {
        pool.close();
    }
}
