package org.dhcpcluster.lease.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializationExtension;
import org.dhcpcluster.lease.v6.space.Address128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A peer's bytes name their own lengths. Each crafted payload here claims far more than it
 * carries; unbounded, Kryo would allocate for the claim first (and the node, run with
 * ExitOnOutOfMemoryError, would die) or recurse until the stack overflows. Each must be
 * refused with a handled exception and counted, and the serializer must go on working.
 */
class CraftedPayloadsTest {
    private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.load());
    private static final KryoSerializer serializer = (KryoSerializer) SerializationExtension.get(Adapter.toClassic(testKit.system()))
            .findSerializerFor(Address128.ZERO);
    /** A Kryo configured as the serializer's own, to write class ids exactly as a peer would. */
    private static final Kryo writer = KryoSerializer.newKryo(ActorRefResolver.get(testKit.system()),
            List.of(LeaseShardKryo.class.getName()));
    private static final int HUGE = Integer.MAX_VALUE - 8;

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private static byte[] craft(Consumer<Output> body) {
        Output out = new Output(64, -1);
        body.accept(out);
        return out.toBytes();
    }

    private static void assertRefused(byte[] payload, String reason) {
        long before = serializer.refused();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> serializer.fromBinaryJava(payload, null));
        assertTrue(e.getCause().getMessage().contains("(" + reason + ")"), e.getCause().getMessage());
        assertEquals(before + 1, serializer.refused(), "every refusal is counted");
        Address128 legitimate = new Address128(0x20010db8L << 32, 0x1000);
        assertEquals(legitimate, serializer.fromBinaryJava(serializer.toBinary(legitimate), null),
                "the serializer goes on reading legitimate messages after a refusal");
    }

    @Test
    void aListClaimingTwoBillionElementsIsRefused() {
        assertRefused(craft(out -> {
            writer.writeClass(out, List.of(1, 2, 3).getClass());
            out.writeVarInt(HUGE, true);
            out.writeInt(1);
        }), "oversized_length");
    }

    @Test
    void aByteArrayClaimingTwoGigabytesIsRefused() {
        assertRefused(craft(out -> {
            writer.writeClass(out, byte[].class);
            out.writeVarInt(HUGE, true);
            out.writeBytes(new byte[16]);
        }), "oversized_length");
    }

    @Test
    void aStringClaimingTwoBillionCharactersIsRefused() {
        assertRefused(craft(out -> {
            writer.writeClass(out, String.class);
            out.writeVarIntFlag(true, HUGE, true);
            out.writeBytes(new byte[16]);
        }), "oversized_length");
    }

    @Test
    void aStringWithANegativeLengthIsRefused() {
        assertRefused(craft(out -> {
            writer.writeClass(out, String.class);
            out.writeVarIntFlag(true, -5, true);
        }), "oversized_length");
    }

    @Test
    void anArrayOfArraysClaimingTwoBillionElementsIsRefused() {
        assertRefused(craft(out -> {
            writer.writeClass(out, byte[][].class);
            out.writeVarInt(HUGE, true);
        }), "oversized_length");
    }

    @Test
    void intAndLongArraysClaimingTwoBillionElementsAreRefused() {
        assertRefused(craft(out -> {
            writer.writeClass(out, int[].class);
            out.writeVarInt(HUGE, true);
        }), "oversized_length");
        assertRefused(craft(out -> {
            writer.writeClass(out, long[].class);
            out.writeVarInt(HUGE, true);
        }), "oversized_length");
    }

    @Test
    void listsNestedTenThousandDeepAreRefusedBeforeTheStackOverflows() {
        Class<?> list = List.of(1).getClass();
        assertRefused(craft(out -> {
            for (int i = 0; i < 10_000; i++) {
                writer.writeClass(out, list);
                out.writeVarInt(1, true);
            }
            writer.writeClass(out, byte[].class);
            out.writeVarInt(1, true);
        }), "too_deep");
    }

    @Test
    void bytesThatAreNoMessageAreRefusedAsMalformed() {
        assertRefused(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}, "malformed");
    }

    /** The bound is the payload itself, not a fixed cap: snapshots read from the journal may be large. */
    @Test
    void largeLegitimatePayloadsStillReadBack() {
        byte[] megabyte = new byte[1 << 20];
        megabyte[megabyte.length - 1] = 42;
        assertArrayEquals(megabyte, (byte[]) serializer.fromBinaryJava(serializer.toBinary(megabyte), null));

        List<Address128> many = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            many.add(new Address128(0x20010db8L << 32, i));
        }
        assertEquals(List.copyOf(many), serializer.fromBinaryJava(serializer.toBinary(List.copyOf(many)), null));

        String nonAscii = "h\u00e9te-" + "\u00e9".repeat(50_000);
        assertEquals(nonAscii, serializer.fromBinaryJava(serializer.toBinary(nonAscii), null));
    }
}
