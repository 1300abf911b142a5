package org.dhcpcluster.lease.transaction;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.dhcpcluster.lease.partition.RecentExchanges;
import org.dhcpcluster.lease.serialization.KryoSerializable;

/**
 * One answer per transaction for the messages no partition sees (DHCPv4 INFORM, DHCPv6
 * INFORMATION-REQUEST and CONFIRM): the first node to report a transaction answers it, the
 * others that heard a copy stay silent. Unlike an election among the members, it does not
 * assume that every node heard the message: a node on a link the others do not reach is always
 * first. One of {@value #BUCKETS} sharded entities per client, chosen by hashing its key, holds
 * the clients' recent transactions in memory only: a stateless answer is not worth a journal
 * write, and after a crash the worst case is one extra answer.
 */
public final class TransactionEntity {
    public static final int BUCKETS = 64;
    /** Entries older than this are forgotten: copies arrive within milliseconds, retransmissions after a second or more. */
    static final Duration REMEMBER = Duration.ofSeconds(10);

    public static final EntityTypeKey<Seen> TYPE_KEY = EntityTypeKey.create(Seen.class, "Transactions");

    /**
     * A node received this transmission (epoch ms); {@code replyTo} learns whether it is the first
     * report of it (answer it) or a copy (stay silent). A retransmission, with a larger elapsed
     * time or received seconds later, is a first report again.
     */
    public record Seen(byte[] client, int xid, int type, int elapsed, long receivedAt, ActorRef<Boolean> replyTo) implements KryoSerializable {
    }

    private TransactionEntity() {
    }

    public static void init(ActorSystem<?> system) {
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, ctx -> create()));
    }

    public static String entityId(byte[] client) {
        return Integer.toString(Math.floorMod(Arrays.hashCode(client), BUCKETS));
    }

    private record Last(int xid, int type, int elapsed, long receivedAt) {
    }

    private record Key(byte[] client) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(client, k.client);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(client);
        }
    }

    public static Behavior<Seen> create() {
        return Behaviors.setup(context -> {
            Map<Key, Last> last = new HashMap<>();
            Deque<Map.Entry<Key, Long>> order = new ArrayDeque<>();
            return Behaviors.receiveMessage(seen -> {
                long horizon = seen.receivedAt() - REMEMBER.toMillis();
                while (!order.isEmpty() && order.peekFirst().getValue() < horizon) {
                    Map.Entry<Key, Long> old = order.pollFirst();
                    Last l = last.get(old.getKey());
                    if (l != null && l.receivedAt() == old.getValue()) {
                        last.remove(old.getKey());
                    }
                }
                Key key = new Key(seen.client());
                Last previous = last.get(key);
                boolean copy = previous != null && previous.xid() == seen.xid() && previous.type() == seen.type()
                        && previous.elapsed() == seen.elapsed() && Math.abs(seen.receivedAt() - previous.receivedAt()) < RecentExchanges.COPY_WINDOW_MS;
                if (!copy) {
                    last.put(key, new Last(seen.xid(), seen.type(), seen.elapsed(), seen.receivedAt()));
                    order.addLast(Map.entry(key, seen.receivedAt()));
                }
                seen.replyTo().tell(!copy);
                return Behaviors.same();
            });
        });
    }
}
