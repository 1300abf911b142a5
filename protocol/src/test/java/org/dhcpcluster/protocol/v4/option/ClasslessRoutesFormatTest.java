package org.dhcpcluster.protocol.v4.option;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Option 121 (RFC 3442) through {@link OptionType#CLASSLESS_ROUTES}. */
class ClasslessRoutesFormatTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void encodesOnlySignificantDestinationOctets() {
        // RFC 3442 section 3's table: /0 -> 0 octets, /8 -> 1, /17..24 -> 3, /25..32 -> 4
        assertArrayEquals(hex("00" + "c0000201"), OptionType.CLASSLESS_ROUTES.parseText("0.0.0.0/0 192.0.2.1"));
        assertArrayEquals(hex("08" + "0a" + "c0000201"), OptionType.CLASSLESS_ROUTES.parseText("10.0.0.0/8 192.0.2.1"));
        assertArrayEquals(hex("12" + "0a1140" + "c0000201"), OptionType.CLASSLESS_ROUTES.parseText("10.17.64.0/18 192.0.2.1"));
        assertArrayEquals(hex("20" + "0a000001" + "c0000201"), OptionType.CLASSLESS_ROUTES.parseText("10.0.0.1/32 192.0.2.1"));
    }

    @Test
    void formatsRoutesBack() {
        assertEquals("10.17.64.0/18 192.0.2.1, 0.0.0.0/0 192.0.2.254",
                OptionType.CLASSLESS_ROUTES.format(hex("120a1140c0000201" + "00c00002fe")));
    }

    @Test
    void rejectsMalformedRoutes() {
        assertTrue(OptionType.CLASSLESS_ROUTES.validate(hex("21" + "0a000000" + "00" + "c0000201")).get().contains("width 33"));
        assertTrue(OptionType.CLASSLESS_ROUTES.validate(hex("18" + "0a0000" + "c000")).get().contains("needs 8 octets"));
        assertTrue(OptionType.CLASSLESS_ROUTES.validate(hex("00c000")).get().contains("at least one route"));
        assertTrue(OptionType.CLASSLESS_ROUTES.validate(hex("0c" + "0a01" + "c0000201")).get().contains("bits set beyond /12"));
    }

    @Test
    void rejectsTextWithHostBitsOrMissingRouter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptionType.CLASSLESS_ROUTES.parseText("10.1.0.0/12 192.0.2.1"));
        assertTrue(e.getMessage().contains("bits set beyond /12"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OptionType.CLASSLESS_ROUTES.parseText("10.0.0.0/8"));
        assertThrows(IllegalArgumentException.class, () -> OptionType.CLASSLESS_ROUTES.parseText("10.0.0.0 192.0.2.1"));
        assertThrows(IllegalArgumentException.class, () -> OptionType.CLASSLESS_ROUTES.parseText("10.0.0.0/40 192.0.2.1"));
    }
}
