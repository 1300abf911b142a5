package org.dhcpcluster.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class InterfaceAddressesTest {
    // captured from `ip -n NS -4 -o addr show dev IF` with a dhclient lease and a static address
    private static final String IP_OUTPUT = """
            2: dct1a2bc0    inet 192.0.2.100/24 brd 192.0.2.255 scope global dynamic dct1a2bc0\\       valid_lft 3598sec preferred_lft 3598sec
            2: dct1a2bc0    inet 192.0.2.2/24 scope global secondary dct1a2bc0\\       valid_lft forever preferred_lft forever
            """;

    @Test
    void parsesEveryIpv4AddressOfTheOneLineFormat() {
        assertEquals(List.of(InterfaceAddresses.parse4("192.0.2.100"), InterfaceAddresses.parse4("192.0.2.2")),
                InterfaceAddresses.parseIpv4(IP_OUTPUT));
        assertEquals(List.of("192.0.2.100/24", "192.0.2.2/24"), InterfaceAddresses.parseIpv4Cidrs(IP_OUTPUT));
    }

    // captured from `ip -n NS -6 -o addr show dev IF` with a DHCPv6 lease (/128), a static /64 and
    // a link-local address (left out: DHCPv6 clients configure global ones only)
    private static final String IP6_OUTPUT = """
            3: dct1a2bc0    inet6 2001:db8:1::1/64 scope global nodad \\       valid_lft forever preferred_lft forever
            3: dct1a2bc0    inet6 2001:db8:1::10c8/128 scope global nodad dynamic \\       valid_lft 3996sec preferred_lft 2996sec
            3: dct1a2bc0    inet6 fe80::c12:8bff:fe22:bb9c/64 scope link \\       valid_lft forever preferred_lft forever
            """;

    @Test
    void parsesTheGlobalIpv6AddressesAndLeavesLinkLocalOnesOut() {
        assertEquals(List.of(InterfaceAddresses.parse6("2001:db8:1::1"), InterfaceAddresses.parse6("2001:db8:1::10c8")),
                InterfaceAddresses.parseIpv6(IP6_OUTPUT));
        assertEquals(List.of("2001:db8:1::1/64", "2001:db8:1::10c8/128"), InterfaceAddresses.parseIpv6Cidrs(IP6_OUTPUT));
    }

    @Test
    void formatsIpv6AddressesTheWayIpAndKeaPrintThem() {
        // RFC 5952: lower case, no leading zeros, the longest zero run (first on a tie) as "::"
        for (String text : List.of("2001:db8:1::1", "2001:db8:1::10c8", "::", "::1", "2001:db8::", "fe80::c12:8bff:fe22:bb9c",
                "2001:db8:0:1:1:1:1:1", "2001:0:0:1::1", "2001:db8::1:0:0:1", "1:2:3:4:5:6:7:8")) {
            assertEquals(text, InterfaceAddresses.format6(InterfaceAddresses.parse6(text)));
        }
        assertEquals("2001:db8:ff::2", InterfaceAddresses.format6(InterfaceAddresses.parse6("2001:0DB8:00FF:0:0:0:0:0002")));
    }

    @Test
    void rejectsWhatIsNotAnIpv6LiteralWithoutAnyLookup() {
        assertThrows(IllegalArgumentException.class, () -> InterfaceAddresses.parse6("example.org"));
        assertThrows(IllegalArgumentException.class, () -> InterfaceAddresses.parse6("192.0.2.1"));
        assertThrows(IllegalArgumentException.class, () -> InterfaceAddresses.parse6("2001:db8::1::2"));
        assertThrows(IllegalArgumentException.class, () -> InterfaceAddresses.parse6("fe80::1%eth0"));
    }

    @Test
    void anInterfaceWithoutAddressesYieldsNone() {
        assertEquals(List.of(), InterfaceAddresses.parseIpv4(""));
        assertEquals(List.of(), InterfaceAddresses.parseIpv6(""));
    }

    @Test
    void rejectsWhatIsNotADottedQuadWithoutAnyLookup() {
        assertThrows(IllegalArgumentException.class, () -> InterfaceAddresses.parse4("192.0.2"));
        assertThrows(IllegalArgumentException.class, () -> InterfaceAddresses.parse4("192.0.2.256"));
    }
}
