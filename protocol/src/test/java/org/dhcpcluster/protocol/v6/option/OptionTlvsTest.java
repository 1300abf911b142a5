package org.dhcpcluster.protocol.v6.option;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionTlvsTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    @Test
    void locatesEachOptionByHeaderOffsetAndLength() {
        OptionTlvs.Result r = OptionTlvs.locate(hex("ffff 0001 0002 aabb 0003 0000"), 2, 12);
        assertTrue(r.ok());
        assertEquals(List.of(new OptionTlvs.Located(1, 2, 2), new OptionTlvs.Located(3, 8, 0)), r.options());
        assertEquals(12, r.options().get(1).end());
    }

    @Test
    void reportsACutHeaderWithWhatWasFoundBefore() {
        OptionTlvs.Result r = OptionTlvs.locate(hex("0001 0000 0002 00"), 0, 7);
        assertEquals(1, r.options().size());
        OptionTlvs.FramingError e = r.error().orElseThrow();
        assertTrue(e.headerCut());
        assertEquals("option header at offset 4 needs 4 octets but only 3 remain", e.describe());
    }

    @Test
    void reportsALengthRunningPastTheEnd() {
        OptionTlvs.FramingError e = OptionTlvs.locate(hex("0017 0010 20010db8"), 0, 8).error().orElseThrow();
        assertEquals("option 23 at offset 0 needs 16 octets but only 4 remain", e.describe());
    }

    @Test
    void emptyRangeHasNoOptions() {
        assertTrue(OptionTlvs.locate(new byte[4], 4, 4).options().isEmpty());
    }
}
