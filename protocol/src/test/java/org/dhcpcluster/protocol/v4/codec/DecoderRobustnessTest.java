package org.dhcpcluster.protocol.v4.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.DhcpV4Option;
import org.dhcpcluster.protocol.v4.option.DhcpV4OptionTable;
import org.junit.jupiter.api.Test;

/**
 * Whatever arrives on port 67, decode either returns a message or throws a
 * {@link DecodeException}: never an unchecked exception that would take the receive loop
 * down. Inputs come from a fixed seed so a failure reproduces; the failing input is printed.
 */
class DecoderRobustnessTest {
    private static final long SEED = 0x5EED_D4C9L;
    private static final List<String> GOLDEN = List.of(
            "dhclient-discover.hex", "dhcpcd-discover.hex", "udhcpc-discover.hex", "perfdhcp-relayed-discover-opt82.hex",
            "kea-offer-relayed-opt82.hex", "dhcpcd-request-selecting.hex");

    @Test
    void decodesOnlyToMessageOrDecodeExceptionForRandomDatagrams() {
        Random random = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            byte[] d = new byte[random.nextInt(700)];
            random.nextBytes(d);
            if (d.length >= 240 && random.nextInt(4) > 0) {
                // Mostly valid framing so the option parser, not the header check, sees the noise.
                d[0] = (byte) (1 + random.nextInt(2));
                d[2] = (byte) random.nextInt(17);
                d[236] = 99;
                d[237] = (byte) 130;
                d[238] = 83;
                d[239] = 99;
            }
            assertDecodesSafely(d);
        }
    }

    @Test
    void decodesOnlyToMessageOrDecodeExceptionForMutatedRealPackets() {
        Random random = new Random(SEED);
        for (String name : GOLDEN) {
            byte[] original = Datagrams.golden(name);
            for (int i = 0; i < 5_000; i++) {
                byte[] d = original.clone();
                int mutations = 1 + random.nextInt(8);
                for (int m = 0; m < mutations; m++) {
                    // Favour the options area and the overload-relevant fields, where the parsing is.
                    int at = random.nextInt(4) == 0 ? random.nextInt(d.length) : 240 + random.nextInt(d.length - 240);
                    d[at] = (byte) switch (random.nextInt(5)) {
                        case 0 -> 0xFF;
                        case 1 -> 0;
                        case 2 -> 52;
                        case 3 -> random.nextInt(4);
                        default -> random.nextInt(256);
                    };
                }
                if (random.nextInt(5) == 0) {
                    d = Arrays.copyOf(d, 240 + random.nextInt(d.length - 239)); // truncate inside the options
                }
                assertDecodesSafely(d);
            }
        }
    }

    @Test
    void decodedMessagesOnlyCarryOptionsTheirDefinitionsAccept() throws DecodeException {
        Random random = new Random(SEED);
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] d = Arrays.copyOf(Datagrams.request(), 243 + random.nextInt(400));
            for (int j = 240; j < d.length; j++) {
                d[j] = (byte) (random.nextInt(3) == 0 ? random.nextInt(8) : random.nextInt(256));
            }
            d[240] = 53;
            d[241] = 1;
            d[242] = 1;
            DhcpV4Message m;
            try {
                m = DhcpV4Codec.decode(d);
            } catch (DecodeException e) {
                continue;
            }
            decoded++;
            for (DhcpV4Option o : m.options().all()) {
                DhcpV4OptionTable.byCode(o.code()).ifPresent(def -> assertTrue(def.validate(o.value()).isEmpty(),
                        "kept invalid option " + o + " from " + HexFormat.of().formatHex(d)));
                DhcpV4OptionTable.describe(o.code(), o.value()); // formatting for logs never throws
            }
            // Whatever was decoded can be written again (at a size that always fits).
            DhcpV4Codec.encode(m, 65_000);
        }
        assertTrue(decoded > 1_000, "the generator should mostly produce decodable messages, got " + decoded);
    }

    private static void assertDecodesSafely(byte[] d) {
        try {
            DhcpV4Codec.decode(d);
        } catch (DecodeException expected) {
            // a typed refusal is a correct outcome
        } catch (RuntimeException e) {
            fail("decode threw " + e + " for " + HexFormat.of().formatHex(d), e);
        }
    }
}
