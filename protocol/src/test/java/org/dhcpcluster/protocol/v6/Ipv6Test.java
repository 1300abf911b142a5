package org.dhcpcluster.protocol.v6;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet6Address;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv6Test {

    @ParameterizedTest
    @CsvSource({
        "2001:db8:0:0:0:0:0:1, 2001:db8::1",
        "2001:0DB8::0001, 2001:db8::1",
        "0:0:0:0:0:0:0:0, ::",
        "::1, ::1",
        "fe80::74de:60ff:fe60:ed4c, fe80::74de:60ff:fe60:ed4c",
        "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",              // RFC 5952 4.2.1: the longest run
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",            // 4.2.3: the first of equal runs
        "2001:db8:1:1:1:1:0:1, 2001:db8:1:1:1:1:0:1"})        // 4.2.2: a single zero group stays
    void formatsAsRfc5952Text(String in, String out) {
        assertEquals(out, Ipv6.format(Ipv6.parse(in)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "2001:db8::zz", "192.0.2.1", "fe80::1%eth0", "", "2001:db8::1/64"})
    void refusesWhatIsNotAnIpv6LiteralWithoutAskingDns(String text) {
        assertThrows(IllegalArgumentException.class, () -> Ipv6.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:192.0.2.1", "::ffff:c000:201"})
    void ipv4MappedAddressesStayIpv6(String text) {
        Inet6Address a = Ipv6.parse(text);
        assertArrayEquals(HexFormat.of().parseHex("00000000000000000000ffffc0000201"), a.getAddress());
        assertEquals(a, Ipv6.fromBytes(a.getAddress()));
    }
}
