package org.dhcpcluster.lease.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.dhcpcluster.lease.holds.OfferHolds;
import org.dhcpcluster.lease.v4.block.AddressBlock4;
import org.dhcpcluster.lease.v4.block.BlockState;
import org.dhcpcluster.lease.v4.lease.Lease4Entity;
import org.dhcpcluster.lease.v4.lease.Lease4State;
import org.dhcpcluster.lease.v6.lease.Binding6;
import org.dhcpcluster.lease.v6.lease.Lease6Entity;
import org.dhcpcluster.lease.v6.lease.Lease6State;
import org.dhcpcluster.lease.v6.slice.Slice6;
import org.dhcpcluster.lease.v6.slice.SliceStates;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.lease.v6.space.SliceKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stored leases must survive upgrades. Every event and snapshot type that reaches the
 * journal has its serialized bytes checked in under {@code src/test/resources/persisted-format};
 * this test proves today's code still reads them back into the same values, through the
 * serializer Pekko picks for them (so the serializer id and binding are pinned too).
 *
 * <p>A deliberate format change adds a new file next to the old one (old bytes must keep
 * deserializing); regenerate missing files with {@code -Dpersisted-format.write=true}.
 */
class PersistedFormatTest {
    private static final Path DIR = Path.of("src/test/resources/persisted-format");
    private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.load());
    private static final long T = 1_795_000_000_000L;

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    static Map<String, Object> samples() {
        BlockState.Slot[] slots = new BlockState.Slot[256];
        slots[100] = new BlockState.Slot("hw-1-020000000001", T + 3_600_000, false);
        slots[101] = new BlockState.Slot("id-01020000000002", T, true);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("block4-address-bound", new AddressBlock4.AddressBound(0xC0000264, "hw-1-020000000001", T + 3_600_000));
        m.put("block4-address-released", new AddressBlock4.AddressReleased(0xC0000264, "hw-1-020000000001", T));
        m.put("block4-address-declined", new AddressBlock4.AddressDeclined(0xC0000265, "id-01020000000002", T + 86_400_000));
        m.put("block4-state", new BlockState(0xC0000200, slots));
        m.put("block4-offers-handed-over", new AddressBlock4.OffersHandedOver(List.of(
                new OfferHolds.Held(0xC0000266, "hw-1-020000000003", T + 30_000))));
        m.put("lease4-bound", new Lease4Entity.LeaseBound(0xC0000264, T, T + 3_600_000, "02:00:00:00:00:01", "laptop", 0xC6336402));
        m.put("lease4-bound-no-hostname", new Lease4Entity.LeaseBound(0xC0000264, T, T + 3_600_000, "02:00:00:00:00:01", null, 0));
        m.put("lease4-renewed", new Lease4Entity.LeaseRenewed(0xC0000264, T + 1_800_000, T + 5_400_000));
        m.put("lease4-released", new Lease4Entity.LeaseReleased(0xC0000264, T + 60_000));
        m.put("lease4-declined", new Lease4Entity.LeaseDeclined(0xC0000264, T + 60_000));
        m.put("lease4-handed-over", new Lease4Entity.HandedOver(0xC0000264, 0xC0000265, 0x3903F326, 3, 4, T + 1_000));
        m.put("lease4-state", new Lease4State(0xC0000264, T, T + 3_600_000, 0xC0000263));

        Address128 address = Address128.parse("2001:db8:1::1234");
        Address128 prefix = Address128.parse("2001:db8:1ff:ff00::");
        String holder = "1:00030001020000000001:na:1";
        SliceKey slice = SliceKey.of(address, 128);
        m.put("slice6-item-bound", new Slice6.ItemBound(0x1234, holder, T + 3_600_000));
        m.put("slice6-item-released", new Slice6.ItemReleased(0x1234, holder, T));
        m.put("slice6-item-declined", new Slice6.ItemDeclined(0x1235, holder, T + 86_400_000));
        m.put("slice6-state", SliceStates.sample(slice, holder, T));
        m.put("lease6-ia-bound", new Lease6Entity.IaBound(address, 128, T, T + 3_000_000, T + 4_000_000, "2001:db8:ff::2"));
        m.put("lease6-ia-bound-prefix", new Lease6Entity.IaBound(prefix, 56, T, T + 3_000_000, T + 4_000_000, "veth0"));
        m.put("lease6-ia-extended", new Lease6Entity.IaExtended(address, 128, T + 1_000_000, T + 4_000_000, T + 5_000_000));
        m.put("lease6-ia-released", new Lease6Entity.IaReleased(address, 128, T + 60_000));
        m.put("lease6-ia-declined", new Lease6Entity.IaDeclined(address, 128, T + 60_000));
        m.put("lease6-state", new Lease6State(List.of(new Binding6(address, 128, T, T + 3_000_000, T + 4_000_000)), prefix, 56));
        m.put("lease6-state-empty", Lease6State.EMPTY);
        return m;
    }

    static Stream<String> names() {
        return samples().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("names")
    void storedBytesStillDeserializeToTheSameValue(String name) throws IOException {
        Object sample = samples().get(name);
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
        var serializer = serialization.findSerializerFor(sample);
        assertEquals(KryoSerializer.IDENTIFIER, serializer.identifier(), "persisted types are bound to the Kryo serializer");
        Path file = DIR.resolve(name + ".hex");
        byte[] now = serializer.toBinary(sample);
        if (!Files.exists(file) && Boolean.getBoolean("persisted-format.write")) {
            Files.createDirectories(DIR);
            Files.writeString(file, "# " + sample.getClass().getName() + "\n" + HexFormat.of().formatHex(now) + "\n");
        }
        assertTrue(Files.exists(file), "no stored bytes for " + name + " (run once with -Dpersisted-format.write=true and commit the file)");
        String hex = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.startsWith("#")).findFirst().orElseThrow().strip();
        byte[] stored = HexFormat.of().parseHex(hex);
        Object back = serialization.deserialize(stored, serializer.identifier(), Serializers.manifestFor(serializer, sample)).get();
        assertEquals(sample, back, "stored " + name + " no longer reads back as it was written");
        assertArrayEquals(stored, now, "the serialized form of " + name + " changed: add a new versioned format instead of changing this one");
    }
}
