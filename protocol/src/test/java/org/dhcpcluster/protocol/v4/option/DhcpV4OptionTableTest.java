package org.dhcpcluster.protocol.v4.option;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DhcpV4OptionTableTest {
    /** A canonical text per type; options whose RFC narrows the type have their own below. */
    private static final Map<OptionType, String> SAMPLE_BY_TYPE = Map.ofEntries(
            Map.entry(OptionType.IPV4, "192.0.2.1"),
            Map.entry(OptionType.IPV4_LIST, "192.0.2.1, 192.0.2.2"),
            Map.entry(OptionType.IPV4_PAIRS, "10.0.0.0 255.0.0.0, 192.0.2.0 192.0.2.1"),
            Map.entry(OptionType.UINT8, "1"),
            Map.entry(OptionType.UINT16, "1500"),
            Map.entry(OptionType.UINT32, "3600"),
            Map.entry(OptionType.INT32, "-3600"),
            Map.entry(OptionType.BOOLEAN, "true"),
            Map.entry(OptionType.TEXT, "example.com"),
            Map.entry(OptionType.BYTES, "01:02:0a:0b:0c:0d:0e:0f:10:11:12:13:14:15:16:17:18"),
            Map.entry(OptionType.EMPTY, ""),
            Map.entry(OptionType.UINT8_LIST, "1, 3, 6, 15, 119, 121"),
            Map.entry(OptionType.UINT16_LIST, "576, 1500"),
            Map.entry(OptionType.MESSAGE_TYPE, "DHCPOFFER"),
            Map.entry(OptionType.CLIENT_IDENTIFIER, "ff:00:00:00:01:00:03:00:01:02:00:5e:10:20:30"),
            Map.entry(OptionType.RELAY_AGENT_INFORMATION, "circuit-id=65:74:68:30, remote-id=aa:bb, link-selection=198.18.0.0"),
            Map.entry(OptionType.DOMAIN_LIST, "example.com, corp.example.com"),
            Map.entry(OptionType.CLASSLESS_ROUTES, "10.0.0.0/8 192.0.2.1, 0.0.0.0/0 192.0.2.1"),
            Map.entry(OptionType.FQDN, "flags=SE rcode1=0 rcode2=0 name=host.example.com."));

    private static final Map<Integer, String> SAMPLE_BY_CODE = Map.of(
            22, "576",
            23, "64",
            26, "1500",
            37, "64",
            46, "8",
            52, "3",
            57, "1500",
            94, "01:02:01",
            116, "0");

    private static String sample(OptionDefinition d) {
        String s = SAMPLE_BY_CODE.getOrDefault(d.code(), SAMPLE_BY_TYPE.get(d.type()));
        assertNotNull(s, "no sample for " + d);
        return s;
    }

    @Test
    void everyEntryRoundTripsItsTextForm() {
        for (OptionDefinition d : DhcpV4OptionTable.all()) {
            String text = sample(d);
            byte[] wire = d.parseText(text);
            assertTrue(d.validate(wire).isEmpty(), d + " accepts what it parsed");
            assertEquals(text, d.format(wire), d.name() + ": format(parseText(text)) is the text");
            assertArrayEquals(wire, d.parseText(d.format(wire)), d.name() + ": parseText(format(v)) is v");
        }
    }

    @Test
    void coversRfc2132AndTheLaterOptionsTheServerMeets() {
        IntStream.rangeClosed(1, 76).forEach(code -> assertTrue(DhcpV4OptionTable.byCode(code).isPresent(), "RFC 2132 option " + code));
        for (int code : new int[] {77, 81, 82, 90, 93, 94, 97, 114, 116, 118, 119, 121, 124, 125, 150, 252}) {
            assertTrue(DhcpV4OptionTable.byCode(code).isPresent(), "option " + code);
        }
        assertTrue(DhcpV4OptionTable.byCode(0).isEmpty(), "PAD is framing");
        assertTrue(DhcpV4OptionTable.byCode(255).isEmpty(), "END is framing");
        assertTrue(DhcpV4OptionTable.byCode(-1).isEmpty());
        assertTrue(DhcpV4OptionTable.byCode(300).isEmpty());
    }

    @Test
    void looksUpByKeaStyleName() {
        assertEquals(6, DhcpV4OptionTable.byName("domain-name-servers").orElseThrow().code());
        assertEquals(51, DhcpV4OptionTable.byName("dhcp-lease-time").orElseThrow().code());
        assertEquals(54, DhcpV4OptionTable.byName("dhcp-server-identifier").orElseThrow().code());
        assertEquals(82, DhcpV4OptionTable.byName("dhcp-agent-options").orElseThrow().code());
        assertEquals(121, DhcpV4OptionTable.byName(" Classless-Static-Route ").orElseThrow().code());
        assertTrue(DhcpV4OptionTable.byName("no-such-option").isEmpty());
        assertTrue(DhcpV4OptionTable.byName(null).isEmpty());
    }

    @Test
    void namesAreUniqueLowerCaseAndCodesAscending() {
        Set<String> names = new HashSet<>();
        int last = 0;
        for (OptionDefinition d : DhcpV4OptionTable.all()) {
            assertTrue(names.add(d.name()), "duplicate " + d.name());
            assertTrue(d.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), d.name());
            assertTrue(d.code() > last, "ascending at " + d.code());
            last = d.code();
        }
    }

    @Test
    void enforcesRfcConstraintsOfIndividualOptions() {
        OptionDefinition maxSize = DhcpV4OptionTable.byCode(57).orElseThrow();
        assertTrue(maxSize.validate(new byte[] {0x02, 0x3F}).isPresent(), "57 below 576 (RFC 2132 9.10)");
        assertTrue(maxSize.validate(new byte[] {0x02, 0x40}).isEmpty());
        OptionDefinition overload = DhcpV4OptionTable.byCode(52).orElseThrow();
        assertTrue(overload.validate(new byte[] {0}).isPresent(), "52 is 1..3 (RFC 2132 9.3)");
        assertTrue(overload.validate(new byte[] {4}).isPresent());
        assertTrue(overload.validate(new byte[] {2}).isEmpty());
        OptionDefinition clientId = DhcpV4OptionTable.byCode(61).orElseThrow();
        assertTrue(clientId.validate(new byte[] {1}).isPresent(), "61 length >= 2 (RFC 2132 9.14)");
        assertTrue(DhcpV4OptionTable.byCode(26).orElseThrow().validate(new byte[] {0, 67}).isPresent(), "MTU >= 68");
        assertTrue(DhcpV4OptionTable.byCode(46).orElseThrow().validate(new byte[] {3}).isPresent(), "node type 1, 2, 4 or 8");
        assertTrue(DhcpV4OptionTable.byCode(25).orElseThrow().validate(new byte[] {0, 68, 0, 10}).isPresent(), "each plateau >= 68");
        assertTrue(DhcpV4OptionTable.byCode(97).orElseThrow().validate(new byte[16]).isPresent(), "UUID option is 17 octets");
    }

    @Test
    void mobileIpHomeAgentMayBeEmpty() {
        OptionDefinition d = DhcpV4OptionTable.byCode(68).orElseThrow();
        assertTrue(d.validate(new byte[0]).isEmpty(), "RFC 2132 8.3: minimum length 0");
        assertArrayEquals(new byte[0], d.parseText(""));
        assertEquals("", d.format(new byte[0]));
        assertTrue(d.validate(new byte[3]).isPresent());
    }

    @Test
    void parseErrorsNameTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DhcpV4OptionTable.byName("dhcp-max-message-size").orElseThrow().parseText("500"));
        assertEquals("option 57 (dhcp-max-message-size): value 500 is outside 576..65535", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DhcpV4OptionTable.byName("routers").orElseThrow().parseText("192.0.2.1, gateway"));
        assertTrue(e.getMessage().startsWith("option 3 (routers): ") && e.getMessage().contains("'gateway'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DhcpV4OptionTable.byCode(51).orElseThrow().parseText(null));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void describesOptionsForLogs() {
        assertEquals("dhcp-lease-time=3600", DhcpV4OptionTable.describe(51, new byte[] {0, 0, 0x0e, 0x10}));
        assertEquals("option-224=01:02", DhcpV4OptionTable.describe(224, new byte[] {1, 2}));
        assertEquals("dhcp-server-identifier=01:02", DhcpV4OptionTable.describe(54, new byte[] {1, 2}), "invalid value shown as hex");
    }

    @Test
    void validationAndFormattingNeverThrowForArbitraryValues() {
        // The decoder validates attacker-controlled octets with these definitions.
        Random random = new Random(4702);
        int validSeen = 0;
        for (OptionDefinition d : DhcpV4OptionTable.all()) {
            for (int i = 0; i < 2_000; i++) {
                byte[] v = new byte[random.nextInt(40)];
                for (int j = 0; j < v.length; j++) {
                    v[j] = (byte) (random.nextInt(4) == 0 ? 0xC0 | random.nextInt(64) : random.nextInt(random.nextBoolean() ? 8 : 256));
                }
                boolean valid = d.validate(v).isEmpty();
                String text = d.format(v);
                if (valid) {
                    // The text of any valid value reads back to the same meaning (for 119 the octets may
                    // differ: the sender's compression choices are not ours).
                    assertEquals(text, d.format(d.parseText(text)), d.name() + " " + HexFormat.of().formatHex(v));
                    validSeen++;
                }
            }
        }
        assertTrue(validSeen > 10_000, "the generator should hit valid values too, got " + validSeen);
    }
}
