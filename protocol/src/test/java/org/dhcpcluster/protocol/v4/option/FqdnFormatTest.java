package org.dhcpcluster.protocol.v4.option;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Option 81 (RFC 4702) through {@link OptionType#FQDN}. */
class FqdnFormatTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void readsCanonicalPartialAndFullNames() {
        assertEquals("flags=E rcode1=0 rcode2=0 name=host", OptionType.FQDN.format(hex("040000" + "04686f7374")));
        assertEquals("flags=SE rcode1=0 rcode2=0 name=host.example.com.",
                OptionType.FQDN.format(hex("050000" + "04686f7374076578616d706c6503636f6d00")));
    }

    @Test
    void readsDeprecatedAsciiForm() {
        assertEquals("flags=- rcode1=0 rcode2=0 name=host.example.com", OptionType.FQDN.format(hex("000000" + "686f73742e6578616d706c652e636f6d")));
    }

    @Test
    void acceptsFlagsOnly() {
        // RFC 4702 section 3.1: a client may send no name and let the server choose.
        assertTrue(OptionType.FQDN.validate(hex("040000")).isEmpty());
        assertArrayEquals(hex("040000"), OptionType.FQDN.parseText("flags=E"));
    }

    @Test
    void keepsReservedFlagBitsVisible() {
        assertEquals("flags=0x14 rcode1=0 rcode2=0 name=", OptionType.FQDN.format(hex("140000")));
        assertArrayEquals(hex("140000"), OptionType.FQDN.parseText("flags=0x14 rcode1=0 rcode2=0 name="));
    }

    @Test
    void rejectsWhatNoReadingMakesSafe() {
        assertTrue(OptionType.FQDN.validate(hex("0400")).get().contains("3 octets"));
        assertTrue(OptionType.FQDN.validate(hex("090000")).get().contains("N and S"));
        assertTrue(OptionType.FQDN.validate(hex("040000" + "c000")).get().contains("uncompressed"));
        assertTrue(OptionType.FQDN.validate(hex("040000" + "0568")).get().contains("claims 5 octets"));
        assertTrue(OptionType.FQDN.validate(hex("040000" + "016100" + "0162")).get().contains("follow the root label"));
    }

    @Test
    void rejectsBadText() {
        assertThrows(IllegalArgumentException.class, () -> OptionType.FQDN.parseText("name=host"));
        assertThrows(IllegalArgumentException.class, () -> OptionType.FQDN.parseText("flags=X name=host"));
        assertThrows(IllegalArgumentException.class, () -> OptionType.FQDN.parseText("flags=NS name=host"));
        assertThrows(IllegalArgumentException.class, () -> OptionType.FQDN.parseText("flags=E rcode1=256"));
    }
}
