package org.dhcpcluster.lease.testing;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.testkit.javadsl.SnapshotTestKit;
import org.dhcpcluster.lease.partition.PartitionDirectory;
import org.dhcpcluster.lease.partition.PartitionEntity;
import org.dhcpcluster.lease.partition.PartitionKey;
import org.dhcpcluster.lease.partition.PartitionRules;

/**
 * Partition entities in one test actor system with Pekko's in-memory journal and serialization
 * checks on (every command, reply, event and snapshot goes through Kryo), spawned on first use
 * as sharding would.
 */
public final class TestPartitions implements PartitionDirectory {
    public static ActorTestKit newTestKit() {
        return ActorTestKit.create(EventSourcedBehaviorTestKit.config()
                .withFallback(ConfigFactory.parseString("pekko.persistence.testkit.events.serialize = on\n"
                        + "pekko.persistence.testkit.snapshots.serialize = on"))
                .withFallback(ConfigFactory.load()));
    }

    private final ActorTestKit testKit;
    private final Map<Integer, PartitionRules> rules;
    private final Clock clock;
    private final Map<String, ActorRef<PartitionEntity.Command>> running = new HashMap<>();

    public TestPartitions(ActorTestKit testKit, Map<Integer, PartitionRules> rules, Clock clock) {
        this.testKit = testKit;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public synchronized ActorRef<PartitionEntity.Command> partition(PartitionKey key) {
        return running.computeIfAbsent(key.entityId(), id -> testKit.spawn(PartitionEntity.create(id, rules, clock)));
    }

    /** Stops every partition (as a node shutting down would, with the hand-over) and forgets them, so the next use recovers. */
    public synchronized void stopAll() {
        running.values().forEach(ref -> {
            ref.tell(PartitionEntity.STOP);
            testKit.createTestProbe().expectTerminated(ref);
        });
        running.clear();
    }

    /** Ends the test: partitions stopped without hand-over, journal emptied. */
    public synchronized void clear() {
        running.values().forEach(testKit::stop);
        running.clear();
        PersistenceTestKit.create(testKit.system()).clearAll();
        SnapshotTestKit.create(testKit.system()).clearAll();
    }

    public PersistenceTestKit journal() {
        return PersistenceTestKit.create(testKit.system());
    }
}
