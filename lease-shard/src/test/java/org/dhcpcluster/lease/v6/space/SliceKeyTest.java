package org.dhcpcluster.lease.v6.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SliceKeyTest {

    @Test
    void anAddressBelongsToTheAligned112AroundIt() {
        Address128 a = Address128.parse("2001:db8:1::abcd:1234");
        SliceKey k = SliceKey.of(a, 128);
        assertEquals(Address128.parse("2001:db8:1::abcd:0"), k.base());
        assertEquals(0x1234, k.offsetOf(a));
        assertEquals(a, k.itemAt(0x1234));
        assertEquals(65_536, k.size());
        assertEquals("6:L128@2001:db8:1::abcd:0", k.entityId());
        assertEquals("L128@2001:db8:1::abcd:0", k.sliceId());
    }

    @Test
    void aDelegatedPrefixBelongsToTheAlignedGroupOf65536PrefixesOfItsLength() {
        Address128 p = Address128.parse("2001:db8:12:3400::");
        SliceKey k = SliceKey.of(p, 56);
        assertEquals(Address128.parse("2001:db8::"), k.base());
        assertEquals(0x1234, k.offsetOf(p));
        assertEquals(p, k.itemAt(0x1234));
        assertEquals(Address128.parse("2001:db8:ff:ffff:ffff:ffff:ffff:ffff"), k.lastAddress());
    }

    @Test
    void theSliceOfAnItemDoesNotDependOnAnyPool() {
        Address128 a = Address128.parse("2001:db8:1::5");
        assertEquals(SliceKey.of(a, 128), SliceKey.of(a, 128));
        assertEquals(SliceKey.of(a, 128), SliceKey.parse(SliceKey.of(a, 128).entityId()));
    }

    @Test
    void shortItemsUseAsManyBitsAsTheyHave() {
        SliceKey k = SliceKey.of(Address128.parse("2001:db8::"), 8);
        assertEquals(256, k.size());
        assertEquals(Address128.ZERO, k.base());
    }

    @Test
    void refusesABaseThatIsNotAligned() {
        assertThrows(IllegalArgumentException.class, () -> new SliceKey(128, Address128.parse("2001:db8::1")));
        assertThrows(IllegalArgumentException.class, () -> SliceKey.parse("2001:db8::"));
    }

    @Test
    void containsOnlyAlignedItemsOfItsRange() {
        SliceKey k = SliceKey.of(Address128.parse("2001:db8:12:3400::"), 56);
        assertTrue(k.contains(Address128.parse("2001:db8:ff:ff00::")));
        assertFalse(k.contains(Address128.parse("2001:db8:ff:ff01::")), "not a /56 boundary");
        assertFalse(k.contains(Address128.parse("2001:db8:100::")));
    }
}
