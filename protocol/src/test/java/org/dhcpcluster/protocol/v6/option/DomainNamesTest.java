package org.dhcpcluster.protocol.v6.option;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNamesTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    @Test
    void readsUncompressedNamesBackToBack() {
        assertEquals(List.of("example.com", "corp.example.com"), DomainNames.read(hex(
                "07 6578616d706c65 03 636f6d 00  04 636f7270 07 6578616d706c65 03 636f6d 00")));
    }

    @Test
    void writesEachNameWholeNeverCompressed() {
        assertArrayEquals(hex("01 61 03 636f6d 00  01 62 03 636f6d 00"), DomainNames.encode(List.of("a.com", "b.com.")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", ".", "a\\.b.example", "back\\\\slash.test", "sp\\032ace.test", "x\\255y.test"})
    void textRoundTrips(String name) {
        assertEquals(List.of(name), DomainNames.read(DomainNames.encode(List.of(name))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "07 6578616d706c65 c0 00           | compression pointer at offset 8: DHCPv6 names are never compressed (RFC 8415 section 10)",
        "07 6578616d706c65 03 636f6d       | the name at offset 0 has no root label before the end",
        "07 6578616d706c                   | label at offset 0 claims 7 octets but only 6 remain",
        "40 61                             | label at offset 0 is 64 octets; labels are at most 63",
        "''                                | the list carries no name"})
    void refusesWhatIsNotAnUncompressedNameList(String wire, String problem) {
        assertEquals(problem, DomainNames.problem(hex(wire.replace("'", ""))).orElseThrow());
    }

    @Test
    void refusesNamesLongerThan255Octets() {
        String label = "a".repeat(63);
        String name = String.join(".", label, label, label, label);           // 4 * 64 + 1 = 257 octets
        assertThrows(IllegalArgumentException.class, () -> DomainNames.encode(List.of(name)));
        assertEquals("the name at offset 0 is longer than 255 octets", DomainNames.problem(labels(4)).orElseThrow());
        assertEquals(1, DomainNames.read(labels(3)).size());                 // 193 octets: fine
    }

    @ParameterizedTest
    @ValueSource(strings = {"a..b", "trailing\\", "bad\\25", "\\300.x", "caf\u00e9.test"})
    void refusesBadText(String text) {
        assertThrows(IllegalArgumentException.class, () -> DomainNames.encode(List.of(text)));
    }

    /** {@code n} labels of 63 'a' and a root label: 64 * n + 1 octets. */
    private static byte[] labels(int n) {
        byte[] out = new byte[64 * n + 1];
        for (int i = 0; i < n; i++) {
            out[64 * i] = 63;
            for (int j = 1; j <= 63; j++) {
                out[64 * i + j] = 'a';
            }
        }
        return out;
    }
}
