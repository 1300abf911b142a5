package org.dhcpcluster.lease.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.dhcpcluster.lease.partition.PartitionEntity;
import org.dhcpcluster.lease.partition.PartitionEvent;
import org.dhcpcluster.lease.partition.PartitionState;
import org.dhcpcluster.lease.testing.MutableClock;
import org.dhcpcluster.lease.testing.TestPartitions;
import org.dhcpcluster.lease.testing.TestPolicies;
import org.dhcpcluster.lease.v4.Block4;
import org.dhcpcluster.lease.v4.ClientKey4;
import org.dhcpcluster.lease.v4.Rules4;

/**
 * Heap per held DHCPv4 lease, the way a node holds them: LEASES bindings (default 1,000,000)
 * spread over the 256-address partitions of one /12 pool, each client known by its hardware
 * address. Two figures, measured as heap after full GCs:
 * <ol>
 *   <li>the partitions' states (records, holder keys, client index), built by applying one Bound
 *       event per lease;</li>
 *   <li>the running partition entities themselves (actor, event-sourced behaviour, sharding-free
 *       spawn), with empty state, divided over the leases a full partition holds.</li>
 * </ol>
 * Run: {@code deploy/bench/lease-memory.sh [LEASES]}. Not a test: figures, not assertions.
 */
public final class LeaseMemory {
    private LeaseMemory() {
    }

    public static void main(String[] args) throws Exception {
        int leases = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int base = TestPolicies.ip("198.16.0.0");
        int partitions = (leases + 255) / 256;

        long before = usedAfterGc();
        List<PartitionState> states = new ArrayList<>(partitions);
        long now = System.currentTimeMillis();
        for (int p = 0; p < partitions; p++) {
            PartitionState s = new PartitionState(Block4.SIZE);
            for (int o = 0; o < 256 && p * 256 + o < leases; o++) {
                int n = p * 256 + o;
                byte[] mac = {0x02, 0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
                s.applyAhead(new PartitionEvent.Bound(o, 1, ClientKey4.ofHardware(1, mac), now, now + 3_600_000, 0,
                        PartitionEvent.LeaseDetails.NONE));
                s.takePendingEvents();
            }
            states.add(s);
            if (p % 512 == 0) {
                System.err.printf("built %d of %d partitions%n", p, partitions);
            }
        }
        long withStates = usedAfterGc();
        double perLeaseState = (withStates - before) / (double) leases;
        System.out.printf("partition state: %,d leases in %,d partitions: %,d bytes, %.1f bytes per lease%n",
                leases, partitions, withStates - before, perLeaseState);

        ActorTestKit kit = TestPartitions.newTestKit();
        int entities = Math.min(partitions, 4096);
        try {
            long beforeEntities = usedAfterGc();
            TestPartitions running = new TestPartitions(kit, Map.of(4, new Rules4(TestPolicies::lan)), MutableClock.startingAt2026());
            for (int p = 0; p < entities; p++) {
                ActorRef<PartitionEntity.Command> e = running.partition(new Block4(base + p * 256));
                AskPattern.<PartitionEntity.Command, Done>ask(e, PartitionEntity.Wake::new, Duration.ofSeconds(30), kit.system().scheduler())
                        .toCompletableFuture().join();
            }
            long withEntities = usedAfterGc();
            double perEntity = (withEntities - beforeEntities) / (double) entities;
            System.out.printf("partition entities: %,d running, %.0f bytes each, %.1f bytes per lease of a full partition%n",
                    entities, perEntity, perEntity / 256);
            System.out.printf("heap per held lease: %.0f bytes (target <= 300)%n", perLeaseState + perEntity / 256);
        } finally {
            kit.shutdownTestKit();
        }
        if (states.size() != partitions) {
            throw new IllegalStateException("states collected early");
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
