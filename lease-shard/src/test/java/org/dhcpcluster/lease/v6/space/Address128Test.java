package org.dhcpcluster.lease.v6.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Address128Test {

    @ParameterizedTest
    @CsvSource({
            "2001:db8::1, 2001:db8::1",
            "2001:0DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
            "::, ::",
            "::1, ::1",
            "2001:db8:0:1:0:0:0:0, 2001:db8:0:1::",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
            "2001:db8:1:2:3:4:5:6, 2001:db8:1:2:3:4:5:6",
            "fe80::ffff:ffff:ffff:ffff, fe80::ffff:ffff:ffff:ffff",
    })
    void formatsAsRfc5952Text(String in, String expected) {
        assertEquals(expected, Address128.parse(in).format());
    }

    @Test
    void aSingleZeroGroupIsNotShortened() {
        assertEquals("2001:db8:0:1:1:1:1:1", Address128.parse("2001:db8:0:1:1:1:1:1").format());
    }

    @Test
    void bytesRoundTrip() {
        Address128 a = Address128.parse("2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff");
        assertEquals(a, Address128.of(a.toBytes()));
        assertArrayEquals(a.toInet6().getAddress(), a.toBytes());
        assertEquals(a, Address128.of(a.toBigInteger()));
    }

    @Test
    void refusesHostNamesAndIpv4() {
        assertThrows(IllegalArgumentException.class, () -> Address128.parse("192.0.2.1"));
        assertThrows(IllegalArgumentException.class, () -> Address128.parse("localhost"));
        assertThrows(IllegalArgumentException.class, () -> Address128.parse("2001:db8::g"));
    }

    @Test
    void clearsAndSetsLowBitsAcrossTheHalves() {
        Address128 a = Address128.parse("2001:db8:1234:5678:9abc:def0:1234:5678");
        assertEquals(Address128.parse("2001:db8:1234:5678::"), a.clearLow(64));
        assertEquals(Address128.parse("2001:db8:1234:5600::"), a.clearLow(72));
        assertEquals(Address128.parse("2001:db8:1234:5678:9abc:def0:1234:0"), a.clearLow(16));
        assertEquals(Address128.parse("2001:db8:1234:56ff:ffff:ffff:ffff:ffff"), a.setLow(72));
        assertEquals(a, a.clearLow(0));
        assertEquals(Address128.ZERO, a.clearLow(128));
    }

    @Test
    void addsWithCarryIntoTheHighHalf() {
        Address128 a = Address128.parse("2001:db8::ffff:ffff:ffff:ffff");
        assertEquals(Address128.parse("2001:db8:0:1::"), a.plusShifted(1, 0));
        assertEquals(Address128.parse("2001:db8:0:100::"), Address128.parse("2001:db8::").plusShifted(1, 72));
        assertEquals(Address128.parse("2001:db8::1:0"), Address128.parse("2001:db8::").plusShifted(1, 16));
    }

    @Test
    void shiftRightMatchesBigInteger() {
        Address128 a = Address128.parse("2001:db8:1234:5678:9abc:def0:1234:5678");
        for (int bits : new int[] {0, 1, 16, 63, 64, 65, 72, 100, 127}) {
            assertEquals(a.toBigInteger().shiftRight(bits).longValue(), a.shiftRightLow(bits), "shift " + bits);
        }
    }

    @Test
    void comparesUnsigned() {
        assertTrue(Address128.parse("ff00::").compareTo(Address128.parse("2001:db8::")) > 0);
        assertTrue(Address128.parse("::ffff:ffff:ffff:ffff").compareTo(Address128.parse("::1:0:0:0:0")) < 0);
        assertEquals(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE), Address128.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").toBigInteger());
    }

    @Test
    void knowsWhetherItIsInAPrefix() {
        Address128 a = Address128.parse("2001:db8:1::42");
        assertTrue(a.isIn(Address128.parse("2001:db8:1::"), 64));
        assertTrue(a.isIn(Address128.parse("2001:db8::"), 32));
        assertFalse(a.isIn(Address128.parse("2001:db8:2::"), 64));
    }
}
