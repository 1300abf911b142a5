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
import org.dhcpcluster.lease.carryover.LegacyEvents;
import org.dhcpcluster.lease.partition.Holder;
import org.dhcpcluster.lease.partition.OfferHolds;
import org.dhcpcluster.lease.partition.PartitionEvent;
import org.dhcpcluster.lease.partition.PartitionSnapshot;
import org.dhcpcluster.lease.partition.RecentExchanges;
import org.dhcpcluster.lease.v4.Answer4;
import org.dhcpcluster.lease.v6.Answer6;
import org.dhcpcluster.lease.v6.Status6;
import org.dhcpcluster.lease.v6.space.Address128;
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
        Map<String, Object> m = new LinkedHashMap<>();
        // The first design's DHCPv4 blocks: still read, once, to carry their leases over.
        m.put("block4-address-bound", new LegacyEvents.AddressBound(0xC0000264, "hw-1-020000000001", T + 3_600_000));
        m.put("block4-address-released", new LegacyEvents.AddressReleased(0xC0000264, "hw-1-020000000001", T));
        m.put("block4-address-declined", new LegacyEvents.AddressDeclined(0xC0000265, "id-01020000000002", T + 86_400_000));
        m.put("block4-offers-handed-over", new LegacyEvents.OffersHandedOver(List.of(
                new LegacyEvents.HeldOffer(0xC0000266, "hw-1-020000000003", T + 30_000))));

        byte[] hw = {1, 1, 2, 0, 0, 0, 0, 1};
        byte[] clientId = {2, 1, 2, 0, 0, 0, 0, 2};
        m.put("partition-bound", new PartitionEvent.Bound(100, 1, hw, T, T + 3_600_000, 0,
                new PartitionEvent.LeaseDetails(new byte[] {2, 0, 0, 0, 0, 1}, "laptop", "198.51.100.2")));
        m.put("partition-bound-no-details", new PartitionEvent.Bound(101, 1, clientId, T, T + 3_600_000, 0, PartitionEvent.LeaseDetails.NONE));
        m.put("partition-bound-v6", new PartitionEvent.Bound(0x1234, 7, new byte[] {3, 0, 0, 0, 1, 0, 3, 0, 1, 2, 0, 0, 0, 0, 1},
                T, T + 4_000_000, T + 3_000_000, new PartitionEvent.LeaseDetails(null, null, "2001:db8:ff::2")));
        m.put("partition-renewed", new PartitionEvent.Renewed(100, T + 1_800_000, T + 5_400_000, 0));
        m.put("partition-released", new PartitionEvent.Released(100, T + 60_000));
        m.put("partition-declined", new PartitionEvent.Declined(102, 1, hw, T, T + 86_400_000));
        m.put("partition-handed-over", new PartitionEvent.HandedOver(
                List.of(new OfferHolds.Held(103, new Holder(1, clientId), T + 30_000)),
                List.of(new RecentExchanges.Exchange(new Holder(1, hw), 0x3903F326, 3, 4, T + 1_000,
                        new Answer4.Ack(0xC0000264, 3600, false)))));
        m.put("partition-snapshot", new PartitionSnapshot(256, new int[] {100, 102}, new int[] {1, 1}, new byte[][] {hw, clientId},
                new long[] {T + 3_600_000, T + 86_400_000}, new byte[] {1, 3}, new byte[] {1}));

        Address128 address = Address128.parse("2001:db8:1::1234");
        Address128 prefix = Address128.parse("2001:db8:1ff:ff00::");
        String holder = "1:00030001020000000001:na:1";
        m.put("slice6-item-bound", new LegacyEvents.ItemBound(0x1234, holder, T + 3_600_000));
        m.put("slice6-item-released", new LegacyEvents.ItemReleased(0x1234, holder, T));
        m.put("slice6-item-declined", new LegacyEvents.ItemDeclined(0x1235, holder, T + 86_400_000));
        m.put("partition-answer-v6", new RecentExchanges.Exchange(new Holder(1, new byte[] {3, 0, 0, 0, 1, 0, 3}), 7, 3, 0, T,
                new Answer6.IaResult(List.of(new Answer6.Granted6(address, 128, 3000, 4000), new Answer6.Granted6(prefix, 56, 0, 0)),
                        Status6.SUCCESS, null)));
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
        // Records with array components compare by identity, so compare what they serialize to.
        assertEquals(sample.getClass(), back.getClass(), "stored " + name + " reads back as another type");
        assertArrayEquals(stored, serializer.toBinary(back), "stored " + name + " no longer reads back as it was written");
        assertArrayEquals(stored, now, "the serialized form of " + name + " changed: add a new versioned format instead of changing this one");
    }
}
