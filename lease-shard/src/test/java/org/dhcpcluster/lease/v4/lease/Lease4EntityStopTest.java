package org.dhcpcluster.lease.v4.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.dhcpcluster.lease.testing.TestPolicies.SERVICE_ADDRESS;
import static org.dhcpcluster.lease.testing.TestPolicies.ip;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.MutableClock;
import org.dhcpcluster.lease.testing.TestPolicies;
import org.dhcpcluster.lease.v4.block.AddressBlock4;
import org.dhcpcluster.lease.v4.block.BlockDirectory;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What a lease entity does when sharding stops it ({@link Lease4Entity#STOP}): when its shard
 * moves to another node right after it answered, copies of that message may still be on their
 * way (a relay sending to every node); the incarnation on the new node must keep them silent.
 */
class Lease4EntityStopTest {
    private static final ActorTestKit testKit = ActorTestKit.create(
            EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load()));
    private static final PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
    private static int generation;

    private final MutableClock clock = MutableClock.startingAt2026();
    private final AtomicReference<Policy4> policy = new AtomicReference<>(TestPolicies.lan());
    private final Map<Integer, ActorRef<AddressBlock4.Command>> blocks = new HashMap<>();
    private final BlockDirectory directory = address -> blocks.computeIfAbsent(Policy4.blockBase(address), base ->
            testKit.spawn(AddressBlock4.create(PersistenceId.of("Block4", "stop" + generation + "-" + Ipv4.format(base)),
                    base, policy::get, clock)));

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private ActorRef<Lease4Entity.Command> incarnation(String entityId) {
        return testKit.spawn(Lease4Entity.create(entityId, policy::get, clock, directory));
    }

    private static Reply4 handle(ActorRef<Lease4Entity.Command> lease, DhcpV4Message m) {
        TestProbe<Reply4> probe = testKit.createTestProbe();
        lease.tell(new Lease4Entity.Handle(m, TestPolicies.SUBNET_ID, ip(SERVICE_ADDRESS), probe.getRef()));
        return probe.receiveMessage(Duration.ofSeconds(5));
    }

    private static void stop(ActorRef<Lease4Entity.Command> lease) {
        TestProbe<Object> watcher = testKit.createTestProbe();
        lease.tell(Lease4Entity.STOP);
        watcher.expectTerminated(lease, Duration.ofSeconds(5));
    }

    private static List<Object> events(String entityId) {
        return journal.persistedInStorage(PersistenceId.of(Lease4Entity.TYPE_KEY.name(), entityId).id());
    }

    /** A client's lease entity (first incarnation) that has just offered it an address. */
    private record Offered(ClientMessages4 client, String entityId, ActorRef<Lease4Entity.Command> lease, int address) {
    }

    private Offered offeredTo(int clientNumber) {
        var c = new ClientMessages4(clientNumber);
        String id = "1:" + ClientKey4.of(c.discover()) + "-stop" + generation;
        ActorRef<Lease4Entity.Command> lease = incarnation(id);
        int address = Ipv4.toInt(assertInstanceOf(Reply4.Answer.class, handle(lease, c.discover())).message().yiaddr());
        return new Offered(c, id, lease, address);
    }

    @Test
    void copiesHeldUpByAShardMoveAreStillRecognisedByTheNewIncarnation() {
        generation++;
        Offered o = offeredTo(40);
        String id = o.entityId();
        ActorRef<Lease4Entity.Command> first = o.lease();
        int offered = o.address();
        DhcpV4Message request = o.client().requestSelecting(SERVICE_ADDRESS, offered);
        assertEquals(DhcpMessageType.ACK, assertInstanceOf(Reply4.Answer.class, handle(first, request)).message().messageType().orElseThrow());

        stop(first);
        Object last = events(id).get(events(id).size() - 1);
        assertEquals(new Lease4Entity.HandedOver(offered, 0, request.xid(), DhcpMessageType.REQUEST.code(), request.secs(), clock.millis()), last);

        ActorRef<Lease4Entity.Command> second = incarnation(id);
        Reply4 copy = handle(second, request);
        assertEquals(Reply4.Silence.DUPLICATE, assertInstanceOf(Reply4.NoAnswer.class, copy).reason(),
                "a copy delivered after the move is not answered again");
    }

    @Test
    void anOfferOutstandingAtAShardMoveIsStillWithdrawnWhenTheClientChoosesAnotherServer() {
        generation++;
        Offered o = offeredTo(42);
        int offered = o.address();
        clock.advance(Duration.ofSeconds(5));  // past the duplicate window, within the offer hold
        stop(o.lease());

        // After the move the client takes another server's offer: the held address must go back.
        ActorRef<Lease4Entity.Command> second = incarnation(o.entityId());
        handle(second, o.client().requestSelecting("192.0.2.99", offered));
        var b = new ClientMessages4(43);
        ActorRef<Lease4Entity.Command> other = incarnation("1:" + ClientKey4.of(b.discover()) + "-stop" + generation);
        DhcpV4Message offerToB = assertInstanceOf(Reply4.Answer.class, handle(other, b.discoverRequesting(Ipv4.format(offered)))).message();
        assertEquals(offered, Ipv4.toInt(offerToB.yiaddr()), "the withdrawn address is free for the next client at once");
    }

    @Test
    void anEntityStoppedLongAfterItsLastAnswerWritesNothing() {
        generation++;
        Offered o = offeredTo(41);
        String id = o.entityId();
        ActorRef<Lease4Entity.Command> lease = o.lease();
        handle(lease, o.client().requestSelecting(SERVICE_ADDRESS, o.address()));
        int before = events(id).size();
        clock.advance(Duration.ofSeconds(30));
        stop(lease);
        assertEquals(before, events(id).size(), "passivating an idle entity costs no write");
        assertTrue(events(id).stream().noneMatch(e -> e instanceof Lease4Entity.HandedOver));
    }
}
