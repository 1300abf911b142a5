package org.dhcpcluster.protocol.v4.option;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Option 119 (RFC 3397) through {@link OptionType#DOMAIN_LIST}. */
class DomainListFormatTest {
    /** RFC 3397 section 3's example, joined: "eng.apple.com." then "marketing.apple.com." pointing at offset 4. */
    private static final String RFC3397_EXAMPLE =
            "03656e67" + "056170706c65" + "03636f6d" + "00" + "096d61726b6574696e67" + "c004";

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void followsCompressionPointersOfTheRfcExample() {
        assertEquals("eng.apple.com, marketing.apple.com", OptionType.DOMAIN_LIST.format(hex(RFC3397_EXAMPLE)));
    }

    @Test
    void compressesSharedSuffixesWhenEncoding() {
        assertArrayEquals(hex(RFC3397_EXAMPLE), OptionType.DOMAIN_LIST.parseText("eng.apple.com, marketing.apple.com."));
    }

    @Test
    void followsChainedPointers() {
        // "a.example.com", "b.a.example.com" (-> offset 0), "c.b.a.example.com" (-> the "b" label, which itself points back)
        byte[] v = hex("0161076578616d706c6503636f6d00" + "0162c000" + "0163" + "c00f");
        assertEquals("a.example.com, b.a.example.com, c.b.a.example.com", OptionType.DOMAIN_LIST.format(v));
        assertArrayEquals(v, OptionType.DOMAIN_LIST.parseText("a.example.com, b.a.example.com, c.b.a.example.com"));
    }

    @Test
    void rejectsPointerToItselfOrForward() {
        assertTrue(OptionType.DOMAIN_LIST.validate(hex("c000")).get().contains("points forward"));
        assertTrue(OptionType.DOMAIN_LIST.validate(hex("0161c004" + "0162" + "00")).get().contains("points forward"));
    }

    @Test
    void rejectsPointerLoopsThroughEarlierNames() {
        // Name 1 is "a" then a pointer back to its own start: each jump must land strictly earlier than the last.
        byte[] loop = hex("0161c000");
        assertTrue(OptionType.DOMAIN_LIST.validate(loop).isPresent());
        // A valid "a." then "b" + pointer to "b" itself: the pointer is behind its own position, so a
        // check against the pointer's position alone would accept it and read "b.b.b..." forever.
        byte[] backToOwnStart = hex("016100" + "0162c003");
        assertTrue(OptionType.DOMAIN_LIST.validate(backToOwnStart).get().contains("offset 5"));
    }

    @Test
    void rejectsTruncatedAndReservedLabels() {
        assertTrue(OptionType.DOMAIN_LIST.validate(hex("0561626300")).get().contains("claims 5 octets"));
        assertTrue(OptionType.DOMAIN_LIST.validate(hex("03616263")).get().contains("runs past the end"));
        assertTrue(OptionType.DOMAIN_LIST.validate(hex("4161")).get().contains("reserved type bits"));
        assertTrue(OptionType.DOMAIN_LIST.validate(hex("0161c0")).get().contains("cut off"));
        assertTrue(OptionType.DOMAIN_LIST.validate(hex("")).get().contains("at least one name"));
    }

    @Test
    void rejectsNamesLongerThan255Octets() {
        StringBuilder wire = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            wire.append("3f").append("61".repeat(63)); // 5 labels of 63: 320 octets
        }
        wire.append("00");
        assertTrue(OptionType.DOMAIN_LIST.validate(hex(wire.toString())).get().contains("longer than 255"));
        String longName = ("a".repeat(63) + ".").repeat(5);
        assertThrows(IllegalArgumentException.class, () -> OptionType.DOMAIN_LIST.parseText(longName));
    }

    @Test
    void escapesOctetsThatTextCannotCarryPlainly() {
        // a label "a.b", a label "c,d": dot and comma would otherwise change the list's meaning
        byte[] v = hex("03612e62" + "03632c64" + "00");
        assertEquals("a\\.b.c\\044d", OptionType.DOMAIN_LIST.format(v));
        assertArrayEquals(v, OptionType.DOMAIN_LIST.parseText("a\\.b.c\\044d"));
    }

    @Test
    void rejectsBadTextNames() {
        assertThrows(IllegalArgumentException.class, () -> OptionType.DOMAIN_LIST.parseText("a..b"));
        assertThrows(IllegalArgumentException.class, () -> OptionType.DOMAIN_LIST.parseText("a" + "b".repeat(63) + ".com"));
        assertThrows(IllegalArgumentException.class, () -> OptionType.DOMAIN_LIST.parseText("exa mple.com"));
        assertThrows(IllegalArgumentException.class, () -> OptionType.DOMAIN_LIST.parseText("a\\999.com"));
    }

    @Test
    void rootNameIsADot() {
        assertArrayEquals(hex("00"), OptionType.DOMAIN_LIST.parseText("."));
        assertEquals(".", OptionType.DOMAIN_LIST.format(hex("00")));
    }
}
