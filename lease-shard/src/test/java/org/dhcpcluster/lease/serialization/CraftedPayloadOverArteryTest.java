package org.dhcpcluster.lease.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSelection;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializationExtension;
import org.dhcpcluster.lease.v6.space.Address128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A crafted payload delivered through a real Artery TCP connection: the receiving system's
 * serializer refuses it, Pekko drops that one message, and the same connection goes on
 * delivering the next, legitimate one. The receiver neither dies nor allocates for the claim.
 */
class CraftedPayloadOverArteryTest {
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    private static Config remote(Map<String, Object> extra) {
        return ConfigFactory.parseMap(extra)
                .withFallback(ConfigFactory.parseMap(Map.of(
                        "pekko.actor.provider", "remote",
                        "pekko.remote.artery.canonical.hostname", "127.0.0.1",
                        "pekko.remote.artery.canonical.port", 0,
                        "pekko.loglevel", "WARNING")))
                .withFallback(ConfigFactory.load())
                .resolve();
    }

    private static final ActorTestKit receiver = ActorTestKit.create("dhcp", remote(Map.of()));
    private static final ActorTestKit liar = ActorTestKit.create("dhcp", remote(Map.of(
            "pekko.actor.serializers.kryo", CraftingSerializer.class.getName(),
            "pekko.actor.serialization-bindings.\"" + CraftingSerializer.Crafted.class.getName() + "\"", "kryo")));

    @AfterAll
    static void shutdown() {
        liar.shutdownTestKit();
        receiver.shutdownTestKit();
    }

    @Test
    void aListClaimingTwoBillionElementsIsDroppedAndTheConnectionCarriesOn() {
        TestProbe<Object> inbox = receiver.createTestProbe();
        String path = ActorRefResolver.get(receiver.system()).toSerializationFormat(inbox.ref());
        ActorSelection remoteInbox = Adapter.toClassic(liar.system()).actorSelection(path);
        KryoSerializer receiving = (KryoSerializer) SerializationExtension.get(Adapter.toClassic(receiver.system()))
                .serializerByIdentity().apply(KryoSerializer.IDENTIFIER);

        Kryo writer = KryoSerializer.newKryo(ActorRefResolver.get(liar.system()), List.of(LeaseShardKryo.class.getName()));
        Output out = new Output(64, -1);
        writer.writeClass(out, List.of(1, 2, 3).getClass());
        out.writeVarInt(Integer.MAX_VALUE - 8, true);

        Address128 first = new Address128(1, 1);
        remoteInbox.tell(first, ActorRef.noSender());
        assertEquals(first, inbox.receiveMessage(DELIVERY), "the connection works before the crafted message");
        long refusedBefore = receiving.refused();

        remoteInbox.tell(new CraftingSerializer.Crafted(out.toBytes()), ActorRef.noSender());
        Address128 after = new Address128(2, 2);
        remoteInbox.tell(after, ActorRef.noSender());

        // Messages on one connection arrive in order: the crafted one was read (and refused) first.
        assertEquals(after, inbox.receiveMessage(DELIVERY), "the legitimate message after the crafted one is delivered");
        assertEquals(refusedBefore + 1, receiving.refused(), "the crafted message was refused and counted");
    }
}
