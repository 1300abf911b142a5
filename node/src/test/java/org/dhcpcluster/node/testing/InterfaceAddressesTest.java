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

    @Test
    void anInterfaceWithoutAddressesYieldsNone() {
        assertEquals(List.of(), InterfaceAddresses.parseIpv4(""));
    }

    @Test
    void rejectsWhatIsNotADottedQuadWithoutAnyLookup() {
        assertThrows(IllegalArgumentException.class, () -> InterfaceAddresses.parse4("192.0.2"));
        assertThrows(IllegalArgumentException.class, () -> InterfaceAddresses.parse4("192.0.2.256"));
    }
}
