package org.dhcpcluster.protocol.v6;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DhcpV6OptionsTest {
    private static final DhcpV6Option A1 = new DhcpV6Option(3, new byte[] {1});
    private static final DhcpV6Option B = new DhcpV6Option(8, new byte[] {0, 0});
    private static final DhcpV6Option A2 = new DhcpV6Option(3, new byte[] {2});

    @Test
    void keepsOrderAndMultiplicity() {
        DhcpV6Options o = DhcpV6Options.of(A1, B, A2);
        assertEquals(List.of(A1, B, A2), o.all());
        assertEquals(List.of(A1, A2), o.all(3));
        assertEquals(2, o.count(3));
        assertArrayEquals(new byte[] {1}, o.get(3).orElseThrow());           // the first one
        assertTrue(o.get(4).isEmpty());
        assertEquals(3 * 4 + 1 + 2 + 1, o.wireLength());
    }

    @Test
    void setReplacesEveryInstanceAtThePlaceOfTheFirst() {
        DhcpV6Option a3 = new DhcpV6Option(3, new byte[] {3});
        assertEquals(List.of(a3, B), DhcpV6Options.of(A1, B, A2).toBuilder().set(a3).build().all());
        assertEquals(List.of(A1, B, A2, new DhcpV6Option(9, new byte[0])),
                DhcpV6Options.of(A1, B, A2).toBuilder().set(9, new byte[0]).build().all());
    }

    @Test
    void removeTakesOutEveryInstance() {
        assertEquals(List.of(B), DhcpV6Options.of(A1, B, A2).toBuilder().remove(3).build().all());
    }

    @Test
    void equalityIsOrderSensitive() {
        assertEquals(DhcpV6Options.of(A1, B), DhcpV6Options.of(A1, B));
        assertTrue(!DhcpV6Options.of(A1, B).equals(DhcpV6Options.of(B, A1)));
    }

    @Test
    void optionValueIsAtMost65535OctetsAndCodeIs16Bits() {
        assertEquals(65_535, new DhcpV6Option(1, new byte[65_535]).length());
        assertThrows(IllegalArgumentException.class, () -> new DhcpV6Option(1, new byte[65_536]));
        assertThrows(IllegalArgumentException.class, () -> new DhcpV6Option(65_536, new byte[0]));
    }

    @Test
    void optionValueIsCopiedInAndOut() {
        byte[] v = {1, 2};
        DhcpV6Option o = new DhcpV6Option(5, v);
        v[0] = 9;
        o.value()[1] = 9;
        assertArrayEquals(new byte[] {1, 2}, o.value());
    }
}
