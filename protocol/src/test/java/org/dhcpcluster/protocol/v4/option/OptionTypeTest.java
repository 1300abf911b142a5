package org.dhcpcluster.protocol.v4.option;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionTypeTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static void assertInvalid(OptionType type, byte[] value, String expectedPart) {
        Optional<String> problem = type.validate(value);
        assertTrue(problem.isPresent(), type + " should reject " + HexFormat.of().formatHex(value));
        assertTrue(problem.get().contains(expectedPart), problem.get());
    }

    private static void assertTextRejected(OptionType type, String text, String expectedPart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> type.parseText(text));
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
    }

    /** type | canonical text | wire hex: parseText gives the octets, format gives the text back. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "IPV4             | 192.0.2.1                              | c0000201",
        "IPV4_LIST        | 192.0.2.1, 192.0.2.2                   | c0000201c0000202",
        "IPV4_PAIRS       | 10.0.0.0 255.0.0.0, 192.0.2.0 192.0.2.1 | 0a000000ff000000c0000200c0000201",
        "UINT8            | 255                                    | ff",
        "UINT16           | 1500                                   | 05dc",
        "UINT32           | 4294967295                             | ffffffff",
        "INT32            | -3600                                  | fffff1f0",
        "BOOLEAN          | true                                   | 01",
        "BOOLEAN          | false                                  | 00",
        "TEXT             | example.com                            | 6578616d706c652e636f6d",
        "TEXT             | a\\x00\\\\b                            | 61005c62",
        "BYTES            | 01:02:0a                               | 01020a",
        "UINT8_LIST       | 1, 3, 6, 121                           | 01030679",
        "UINT16_LIST      | 576, 1500                              | 024005dc",
        "MESSAGE_TYPE     | DHCPDISCOVER                           | 01",
        "MESSAGE_TYPE     | UNKNOWN(200)                           | c8",
        "CLIENT_IDENTIFIER | 01:02:00:5e:10:20:30                  | 0102005e102030",
        "RELAY_AGENT_INFORMATION | circuit-id=65:74:68:30, link-selection=198.18.0.0, server-id-override=192.0.2.2, 151=01 | 010465746830 0504c6120000 0b04c0000202 970101",
        "DOMAIN_LIST      | example.com                            | 076578616d706c6503636f6d00",
        "CLASSLESS_ROUTES | 10.0.0.0/8 192.0.2.1, 0.0.0.0/0 192.0.2.1 | 080ac0000201 00c0000201",
        "FQDN             | flags=SE rcode1=0 rcode2=0 name=host.example.com. | 050000 04686f7374076578616d706c6503636f6d00",
        "FQDN             | flags=S rcode1=255 rcode2=255 name=host | 01ffff 686f7374",
    })
    void parsesTextToWireAndFormatsBack(String typeName, String text, String wireHex) {
        OptionType type = OptionType.valueOf(typeName.trim());
        byte[] wire = hex(wireHex.replace(" ", ""));
        assertArrayEquals(wire, type.parseText(text), "parseText(" + text + ")");
        assertEquals(text, type.format(wire), "format");
        assertTrue(type.validate(wire).isEmpty());
    }

    @Test
    void addressTypesCheckLengthAndMultiples() {
        assertInvalid(OptionType.IPV4, hex("c00002"), "4 octets");
        assertInvalid(OptionType.IPV4_LIST, hex(""), "non-zero multiple of 4");
        assertInvalid(OptionType.IPV4_LIST, hex("c0000201c0"), "non-zero multiple of 4");
        assertInvalid(OptionType.IPV4_PAIRS, hex("c0000201"), "non-zero multiple of 8");
        assertTextRejected(OptionType.IPV4_LIST, "192.0.2.1,,192.0.2.2", "item 2");
        assertTextRejected(OptionType.IPV4, "192.0.2.256", "not an IPv4 address");
        assertTextRejected(OptionType.IPV4, "example.com", "not an IPv4 address");
        assertTextRejected(OptionType.IPV4_PAIRS, "10.0.0.0, 255.0.0.0", "2 addresses separated by a space");
    }

    @Test
    void integersCheckWidthAndRange() {
        assertInvalid(OptionType.UINT16, hex("05"), "2 octets");
        assertInvalid(OptionType.UINT32, hex("0000000000"), "4 octets");
        assertTextRejected(OptionType.UINT8, "256", "out of range 0..255");
        assertTextRejected(OptionType.UINT16, "-1", "out of range");
        assertTextRejected(OptionType.UINT32, "3600s", "not a decimal integer");
        assertTextRejected(OptionType.UINT32, "0x10", "not a decimal integer");
        assertArrayEquals(hex("80000000"), OptionType.INT32.parseText("-2147483648"));
    }

    @Test
    void booleanIsOneOctetOfZeroOrOne() {
        assertInvalid(OptionType.BOOLEAN, hex("02"), "0 or 1");
        assertInvalid(OptionType.BOOLEAN, hex("0100"), "1 octet");
        assertArrayEquals(hex("01"), OptionType.BOOLEAN.parseText("TRUE"));
        assertArrayEquals(hex("00"), OptionType.BOOLEAN.parseText("0"));
        assertTextRejected(OptionType.BOOLEAN, "yes", "not a boolean");
    }

    @Test
    void textNeedsOneOctetButToleratesAnyOctetOnTheWire() {
        assertInvalid(OptionType.TEXT, hex(""), "at least 1 octet");
        // A trailing NUL and UTF-8 are real client behaviour: kept, and shown escaped.
        assertTrue(OptionType.TEXT.validate(hex("686f737400")).isEmpty());
        assertEquals("h\\xc3\\xa9", OptionType.TEXT.format(hex("68c3a9")));
        assertArrayEquals(hex("68c3a9"), OptionType.TEXT.parseText("h\\xc3\\xa9"));
        assertTextRejected(OptionType.TEXT, "h\u00e9", "not printable ASCII");
        assertTextRejected(OptionType.TEXT, "a\\q", "bad escape");
        assertTextRejected(OptionType.TEXT, "", "at least 1 octet");
    }

    @Test
    void bytesAcceptColonOrPlainHex() {
        assertArrayEquals(hex("01020a"), OptionType.BYTES.parseText("01020a"));
        assertArrayEquals(hex("01020a"), OptionType.BYTES.parseText("0x01020A"));
        assertArrayEquals(new byte[0], OptionType.BYTES.parseText(""));
        assertTextRejected(OptionType.BYTES, "1:2", "two hex digits");
        assertTextRejected(OptionType.BYTES, "0g", "not hex");
    }

    @Test
    void emptyTypeCarriesNothing() {
        assertInvalid(OptionType.EMPTY, hex("00"), "no value");
        assertArrayEquals(new byte[0], OptionType.EMPTY.parseText(""));
        assertTextRejected(OptionType.EMPTY, "true", "takes no value");
    }

    @Test
    void listsOfIntegersAreNonEmptyAndWhole() {
        assertInvalid(OptionType.UINT8_LIST, hex(""), "non-zero");
        assertInvalid(OptionType.UINT16_LIST, hex("024005"), "multiple of 2");
        assertTextRejected(OptionType.UINT8_LIST, "1, 300", "out of range");
    }

    @Test
    void messageTypeIsExactlyOneOctetAndReadsNames() {
        assertInvalid(OptionType.MESSAGE_TYPE, hex(""), "exactly 1 octet");
        assertInvalid(OptionType.MESSAGE_TYPE, hex("0101"), "exactly 1 octet");
        assertArrayEquals(hex("03"), OptionType.MESSAGE_TYPE.parseText("request"));
        assertArrayEquals(hex("05"), OptionType.MESSAGE_TYPE.parseText("5"));
        assertTextRejected(OptionType.MESSAGE_TYPE, "HELLO", "not a DHCP message type");
    }

    @Test
    void clientIdentifierNeedsTypeAndOneMoreOctet() {
        assertInvalid(OptionType.CLIENT_IDENTIFIER, hex("01"), "at least 1 more octet");
        assertTrue(OptionType.CLIENT_IDENTIFIER.validate(hex("0001")).isEmpty());
    }

    @Test
    void relayAgentInformationIsCheckedAsSubOptionTlvs() {
        assertInvalid(OptionType.RELAY_AGENT_INFORMATION, hex(""), "at least one sub-option");
        assertInvalid(OptionType.RELAY_AGENT_INFORMATION, hex("0105aabb"), "claims 5 octets");
        assertInvalid(OptionType.RELAY_AGENT_INFORMATION, hex("0102aabb03"), "no length octet");
        assertInvalid(OptionType.RELAY_AGENT_INFORMATION, hex("0503c61200"), "sub-option 5 (link-selection)");
        assertInvalid(OptionType.RELAY_AGENT_INFORMATION, hex("0b05c000020200"), "sub-option 11 (server-id-override)");
        assertTrue(OptionType.RELAY_AGENT_INFORMATION.validate(hex("0100")).isEmpty(), "an empty circuit id is still a TLV");
        assertTextRejected(OptionType.RELAY_AGENT_INFORMATION, "circuit-id", "name=value");
        assertTextRejected(OptionType.RELAY_AGENT_INFORMATION, "vlan=01", "unknown relay agent sub-option");
        assertTextRejected(OptionType.RELAY_AGENT_INFORMATION, "link-selection=01:02", "not an IPv4 address");
    }

    @Test
    void formatNeverThrowsForValuesTheTypeRejects() {
        for (OptionType type : OptionType.values()) {
            for (String h : new String[] {"", "ff", "c0", "0102030405", "ffffffffffffffffff"}) {
                byte[] v = hex(h);
                String text = type.format(v);
                if (type.validate(v).isPresent()) {
                    assertEquals(HexFormat.ofDelimiter(":").formatHex(v), text, type + " shows an invalid value as hex");
                }
            }
        }
    }
}
