package org.dhcpcluster.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Prefix6Test {

    @Test
    void theNetworkOfAnInterfaceAddressHasItsHostBitsCleared() {
        assertEquals("2001:db8:1::/64", Prefix6.parse("2001:db8:1::1/64").network().toString());
        assertEquals("2001:db8:100::/40", Prefix6.parse("2001:db8:1ff:ffff::/40").network().toString());
        assertEquals("2001:db8:1::10c8/128", Prefix6.parse("2001:db8:1::10c8/128").network().toString());
    }

    @Test
    void aDelegatedPrefixLiesInItsPoolButNotInTheNeighbouringOne() {
        Prefix6 pool = Prefix6.parse("2001:db8:100::/40");
        assertTrue(pool.contains(Prefix6.parse("2001:db8:100::/56")));
        assertTrue(pool.contains(Prefix6.parse("2001:db8:1ff:ff00::/56")));
        assertFalse(pool.contains(Prefix6.parse("2001:db8:200::/56")));
        assertFalse(pool.contains(Prefix6.parse("2001:db8::/32")), "a shorter prefix is not inside a longer one");
    }

    @Test
    void containsComparesOnlyThePrefixBits() {
        Prefix6 link = Prefix6.parse("2001:db8:1::1/64");
        assertTrue(link.contains(InterfaceAddresses.parse6("2001:db8:1::ffff")));
        assertTrue(link.contains(InterfaceAddresses.parse6("2001:db8:1:0:ffff:ffff:ffff:ffff")));
        assertFalse(link.contains(InterfaceAddresses.parse6("2001:db8:2::1000")));
        assertTrue(Prefix6.parse("::/0").contains(InterfaceAddresses.parse6("2001:db8::1")));
    }

    @Test
    void plusCountsFromTheNetworkAddressWithCarry() {
        Prefix6 link = Prefix6.parse("2001:db8:1::1/64");
        assertEquals("2001:db8:1::1000", InterfaceAddresses.format6(link.plus(0x1000)));
        assertEquals("2001:db8:1::ffff", InterfaceAddresses.format6(link.plus(0xffff)));
        assertEquals("2001:db8:1::1:0", InterfaceAddresses.format6(link.plus(0x10000)));
    }

    @Test
    void rejectsWhatIsNotAPrefix() {
        assertThrows(IllegalArgumentException.class, () -> Prefix6.parse("2001:db8::1"));
        assertThrows(IllegalArgumentException.class, () -> Prefix6.parse("2001:db8::/129"));
        assertThrows(IllegalArgumentException.class, () -> Prefix6.parse("2001:db8::/x"));
        assertThrows(IllegalArgumentException.class, () -> Prefix6.parse("192.0.2.0/24"));
    }
}
