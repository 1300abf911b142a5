package org.dhcpcluster.protocol.v6.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v6.DhcpV6Message;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.OptionAccessors;
import org.dhcpcluster.protocol.v6.RelayMessage;
import org.dhcpcluster.protocol.v6.option.DhcpV6OptionTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Whatever arrives on port 547, decode either returns a message or throws a
 * {@link DecodeException}: never an unchecked exception that would take the receive loop
 * down. And what it returns is safe to use: every typed getter works and it re-encodes.
 * Random inputs come from a fixed seed so a failure reproduces; the failing input is printed.
 */
class V6DecoderRobustnessTest {
    private static final long SEED = 0x5EED_D6C9L;
    static final List<String> GOLDEN = V6Datagrams.GOLDEN;

    @ParameterizedTest
    @FieldSource("GOLDEN")
    void truncationAtEveryOffsetOfAGoldenPacketIsATypedErrorOrAMessage(String name) {
        byte[] wire = V6Datagrams.golden(name);
        int refused = 0;
        for (int length = 0; length < wire.length; length++) {
            if (decodesSafely(Arrays.copyOf(wire, length)) == null) {
                refused++;
            }
        }
        // A cut inside any option leaves a length that runs past the end, so most cuts are refused.
        assertTrue(refused > wire.length / 2, name + ": only " + refused + " of " + wire.length + " cuts refused");
    }

    @ParameterizedTest
    @FieldSource("GOLDEN")
    void mutatedGoldenPacketsDecodeOnlyToMessagesOrDecodeExceptions(String name) {
        Random random = new Random(SEED ^ name.hashCode());
        byte[] original = V6Datagrams.golden(name);
        for (int i = 0; i < 3_000; i++) {
            byte[] d = original.clone();
            int mutations = 1 + random.nextInt(6);
            for (int m = 0; m < mutations; m++) {
                int at = random.nextInt(d.length);
                d[at] = (byte) switch (random.nextInt(5)) {
                    case 0 -> 0;
                    case 1 -> 0xFF;
                    case 2 -> d[at] + 1;        // lengths off by one
                    case 3 -> 12 + random.nextInt(2); // relay types in the wrong places
                    default -> random.nextInt(256);
                };
            }
            if (random.nextInt(8) == 0) {
                d = Arrays.copyOf(d, random.nextInt(d.length + 1));
            }
            decodesSafely(d);
        }
    }

    @Test
    void randomDatagramsDecodeOnlyToMessagesOrDecodeExceptions() {
        Random random = new Random(SEED);
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] d = new byte[random.nextInt(300)];
            random.nextBytes(d);
            if (d.length > 0) {
                d[0] = (byte) (1 + random.nextInt(21));   // mostly known types, so the option reader sees the noise
            }
            if (decodesSafely(d) != null) {
                decoded++;
            }
        }
        assertTrue(decoded > 0, "some random datagrams should decode");
    }

    /** Decodes, then exercises every getter and the encoder; returns null for a typed refusal. */
    private static DhcpV6Message decodesSafely(byte[] d) {
        try {
            DhcpV6Message m = DhcpV6Codec.decode(d);
            for (DhcpV6Message layer = m; layer != null;
                 layer = layer instanceof RelayMessage r ? r.relayed() : null) {
                if (layer instanceof OptionAccessors o) {
                    useEveryGetter(o);
                    for (DhcpV6Option opt : o.options().all()) {
                        assertTrue(DhcpV6OptionTable.validate(opt.code(), opt.value()).isEmpty(), "kept invalid " + opt);
                    }
                }
            }
            DhcpV6Codec.encode(m);
            return m;
        } catch (DecodeException expected) {
            return null;
        } catch (RuntimeException | AssertionError e) {
            fail("decoding " + HexFormat.of().formatHex(d) + " failed with " + e, e);
            return null;
        }
    }

    private static void useEveryGetter(OptionAccessors o) {
        o.clientId();
        o.serverId();
        o.iaNa().forEach(ia -> { ia.addresses().forEach(a -> a.status()); ia.status(); });
        o.iaTa().forEach(ia -> ia.addresses());
        o.iaPd().forEach(ia -> ia.prefixes().forEach(p -> p.status()));
        o.optionRequest();
        o.preference();
        o.elapsedTime();
        o.authentication();
        o.serverUnicast();
        o.statusCode();
        o.userClass();
        o.vendorClasses();
        o.vendorOptions();
        o.interfaceId();
        o.reconfigureMessage();
        o.dnsServers();
        o.domainSearchList();
        o.informationRefreshTime();
        o.remoteId();
        o.subscriberId();
        o.clientLinkLayerAddress();
        o.solMaxRt();
        o.infMaxRt();
        o.dhcpV4Message();
        o.dhcp4o6ServerAddresses();
    }
}
