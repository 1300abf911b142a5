package org.dhcpcluster.lease.v6.policy;

import static org.dhcpcluster.lease.testing.TestPolicies6.a;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dhcpcluster.lease.testing.TestPolicies6;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.lease.v6.space.Pool6;
import org.dhcpcluster.lease.v6.space.SliceKey;
import org.junit.jupiter.api.Test;

class Policy6Test {

    @Test
    void onlyPoolAddressesAreDynamic() {
        Policy6 p = TestPolicies6.lan();
        SliceKey slice = SliceKey.of(a("2001:db8:1::"), 128);
        BitSet dynamic = p.dynamicOffsets(slice, p.subnets().get(0));
        assertEquals(0x1000, dynamic.cardinality());
        assertTrue(dynamic.get(0x1000));
        assertTrue(dynamic.get(0x1fff));
        assertFalse(dynamic.get(0x0fff));
    }

    @Test
    void reservedItemsAreNeverDynamic() {
        Policy6 p = TestPolicies6.withPools(List.of(Pool6.addresses(a("2001:db8:1::1"), a("2001:db8:1::ff"))));
        assertFalse(p.dynamicOffsets(SliceKey.of(a("2001:db8:1::"), 128), p.subnets().get(0)).get(0x99));
        SliceKey pd = SliceKey.of(TestPolicies6.RESERVED_PREFIX, 56);
        BitSet prefixes = p.dynamicOffsets(pd, p.subnets().get(0));
        assertFalse(prefixes.get(pd.offsetOf(TestPolicies6.RESERVED_PREFIX)));
        assertEquals(65_535, prefixes.cardinality());
    }

    @Test
    void subnetRouterAndReservedAnycastAddressesOfASlash64AreNeverHandedOut() {
        Address128 prefix = a("2001:db8:1::");
        Policy6 p = TestPolicies6.withPools(List.of(Pool6.addresses(prefix, prefix.setLow(64))));
        assertFalse(p.dynamicOffsets(SliceKey.of(prefix, 128), p.subnets().get(0)).get(0), "subnet-router anycast (RFC 4291)");
        assertTrue(p.dynamicOffsets(SliceKey.of(prefix.setLow(64), 128), p.subnets().get(0)).get(0xffff), "the last address of the /64 is usable");
        Address128 firstReserved = a("2001:db8:1:0:fdff:ffff:ffff:ff80");
        SliceKey anycastSlice = SliceKey.of(firstReserved, 128);
        BitSet s = p.dynamicOffsets(anycastSlice, p.subnets().get(0));
        assertFalse(s.get(anycastSlice.offsetOf(firstReserved)), "RFC 2526 reserved anycast");
        assertTrue(s.get(anycastSlice.offsetOf(firstReserved) - 1));
    }

    @Test
    void aRelayIsPlacedByInterfaceIdThenListedLinkAddressThenContainment() {
        Subnet6 byId = new Subnet6(2, a("2001:db8:2::"), 64, Optional.empty(), List.of(), List.of("6574683031"), List.of(), List.of(),
                Lifetimes6.withDefaultTimers(100, 200), false, List.of(), Map.of());
        Subnet6 byLink = new Subnet6(3, a("2001:db8:3::"), 64, Optional.empty(), List.of(a("2001:db8:ff::2")), List.of(), List.of(),
                List.of(), Lifetimes6.withDefaultTimers(100, 200), false, List.of(), Map.of());
        Policy6 p = new Policy6(List.of(TestPolicies6.lan().subnets().get(0), byId, byLink), Duration.ofSeconds(5),
                Duration.ofSeconds(5));
        assertEquals(2, p.subnetForRelay(a("2001:db8:1::5"), Optional.of("6574683031")).orElseThrow().id());
        assertEquals(3, p.subnetForRelay(a("2001:db8:ff::2"), Optional.empty()).orElseThrow().id());
        assertEquals(1, p.subnetForRelay(a("2001:db8:1::5"), Optional.empty()).orElseThrow().id());
        assertTrue(p.subnetForRelay(Address128.ZERO, Optional.empty()).isEmpty());
    }

    @Test
    void lifetimesMustBeConsistent() {
        assertThrows(IllegalArgumentException.class, () -> new Lifetimes6(200, 100, 50, 80));
        assertThrows(IllegalArgumentException.class, () -> new Lifetimes6(100, 200, 80, 50));
        assertThrows(IllegalArgumentException.class, () -> new Lifetimes6(100, 200, 50, 150));
        assertEquals(new Lifetimes6(1000, 2000, 500, 800), Lifetimes6.withDefaultTimers(1000, 2000));
    }
}
