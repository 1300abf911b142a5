package org.dhcpcluster.lease.v6.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class Pool6Test {

    @Test
    void aSmallRangeLivesInOneSlice() {
        Pool6 p = Pool6.addresses(Address128.parse("2001:db8:1::1000"), Address128.parse("2001:db8:1::ffff"));
        assertEquals(List.of(SliceKey.of(Address128.parse("2001:db8:1::"), 128)), p.activeSlices());
        assertEquals(BigInteger.valueOf(0xF000), p.size());
    }

    @Test
    void aSlash64IsSpreadOverSixtyFourSlicesAcrossTheWholePrefix() {
        Address128 prefix = Address128.parse("2001:db8:1:2::");
        Pool6 p = Pool6.addresses(prefix, prefix.setLow(64));
        List<SliceKey> slices = p.activeSlices();
        assertEquals(Pool6.MAX_ACTIVE_SLICES, slices.size());
        assertEquals(64, new HashSet<>(slices).size());
        assertEquals(SliceKey.of(prefix, 128), slices.get(0));
        // evenly spread: the 33rd slice starts half way through the /64
        assertEquals(Address128.parse("2001:db8:1:2:8000::"), slices.get(32).base());
        for (SliceKey k : slices) {
            assertTrue(k.base().isIn(prefix, 64));
        }
    }

    @Test
    void aDelegationPoolHandsOutAlignedPrefixesOfTheDelegatedLength() {
        Pool6 p = Pool6.delegating(Address128.parse("2001:db8:100::"), 40, 56);
        assertEquals(56, p.length());
        assertEquals(BigInteger.valueOf(65_536), p.size());
        assertEquals(1, p.activeSlices().size());
        assertTrue(p.contains(Address128.parse("2001:db8:1ff:ff00::")));
        assertFalse(p.contains(Address128.parse("2001:db8:200::")));
        assertFalse(p.contains(Address128.parse("2001:db8:100:1::")), "not on a /56 boundary");
        assertEquals(Address128.parse("2001:db8:1ff:ffff:ffff:ffff:ffff:ffff"), p.lastAddress());
    }

    @Test
    void refusesInvertedOrMisalignedBounds() {
        assertThrows(IllegalArgumentException.class,
                () -> Pool6.addresses(Address128.parse("2001:db8::ff"), Address128.parse("2001:db8::1")));
        assertThrows(IllegalArgumentException.class, () -> Pool6.delegating(Address128.parse("2001:db8::"), 56, 48));
    }

    @Test
    void overlapIsByAddressRange() {
        Pool6 pd = Pool6.delegating(Address128.parse("2001:db8:100::"), 40, 56);
        Pool6 inside = Pool6.addresses(Address128.parse("2001:db8:1ff::1"), Address128.parse("2001:db8:1ff::9"));
        Pool6 outside = Pool6.addresses(Address128.parse("2001:db8:1::1"), Address128.parse("2001:db8:1::9"));
        assertTrue(pd.overlaps(inside));
        assertTrue(inside.overlaps(pd));
        assertFalse(pd.overlaps(outside));
    }
}
