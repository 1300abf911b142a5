package org.dhcpcluster.node.edge.v4;

import static org.dhcpcluster.lease.testing.TestPolicies.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.TestPolicies;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.OptionCode;
import org.dhcpcluster.protocol.v4.RelayAgentInformation;
import org.junit.jupiter.api.Test;

class SubnetSelector4Test {
    private static final Policy4 POLICY = TestPolicies.policy(
            TestPolicies.subnet(1, "192.0.2.0/24", List.of(), Map.of(), Map.of(), false),
            TestPolicies.subnet(2, "198.51.100.0/24", List.of(), Map.of(), Map.of(), false),
            TestPolicies.subnet(3, "203.0.113.0/24", List.of(), Map.of(), Map.of(), false));
    private static final Arrival ON_ETH0 = new Arrival(new InetSocketAddress(68), Optional.of("eth0"), List.of(ip("192.0.2.1")));
    private static final Arrival NO_INTERFACE = Arrival.relayOnly(new InetSocketAddress(67));

    private static int selected(org.dhcpcluster.protocol.v4.DhcpV4Message m, Arrival a) {
        return SubnetSelector4.select(m, a, POLICY).map(Subnet4::id).orElse(-1);
    }

    @Test
    void aRelayedClientIsPlacedByGiaddr() {
        assertEquals(2, selected(new ClientMessages4(1).via("198.51.100.2").discover(), ON_ETH0));
    }

    @Test
    void theRelaysLinkSelectionSubOptionWinsOverGiaddr() {
        var rai = new RelayAgentInformation(List.of(new RelayAgentInformation.SubOption(5, Ipv4.parse("203.0.113.0").getAddress())));
        var m = new ClientMessages4(1).via("198.51.100.2").discover().toBuilder()
                .option(OptionCode.RELAY_AGENT_INFORMATION, rai.toOptionValue()).build();
        assertEquals(3, selected(m, NO_INTERFACE));
    }

    @Test
    void theClientsSubnetSelectionOptionWinsOverTheInterface() {
        var m = new ClientMessages4(1).discover().toBuilder()
                .address(OptionCode.SUBNET_SELECTION, Ipv4.parse("198.51.100.0")).build();
        assertEquals(2, selected(m, ON_ETH0));
    }

    @Test
    void aDirectlyAttachedClientIsPlacedByTheInterfaceItArrivedOn() {
        assertEquals(1, selected(new ClientMessages4(1).discover(), ON_ETH0));
    }

    @Test
    void aUnicastRenewalWithoutInterfaceInformationIsPlacedByCiaddr() {
        assertEquals(3, selected(new ClientMessages4(1).requestRenewing("203.0.113.7"), NO_INTERFACE));
    }

    @Test
    void aBroadcastWithNeitherRelayNorInterfaceCannotBePlaced() {
        assertTrue(SubnetSelector4.select(new ClientMessages4(1).discover(), NO_INTERFACE, POLICY).isEmpty());
    }
}
