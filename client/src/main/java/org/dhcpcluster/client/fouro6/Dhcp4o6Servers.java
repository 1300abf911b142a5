package org.dhcpcluster.client.fouro6;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.client.v6.V6Destinations;
import org.dhcpcluster.protocol.v6.DhcpV6Message;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.Dhcp4o6Message;
import org.dhcpcluster.protocol.v6.Ipv6;
import org.dhcpcluster.protocol.v6.OptionAccessors;
import org.dhcpcluster.protocol.v6.RelayMessage;

/**
 * What RFC 7341 says about where DHCPV4-QUERYs go and what comes back: the 4o6 server
 * addresses of option 88 (section 8), falling back to All_DHCP_Relay_Agents_and_Servers when
 * the option is absent or empty (section 5), and the DHCPv4 message inside a DHCPV4-RESPONSE.
 */
public final class Dhcp4o6Servers {
    private Dhcp4o6Servers() {
    }

    /** The addresses in option 88 of a REPLY (a list of 16-octet addresses), or none. */
    public static List<Inet6Address> fromReply(OptionAccessors reply) {
        Optional<byte[]> value = reply.options().get(DhcpV6OptionCode.DHCP4_O_DHCP6_SERVER);
        List<Inet6Address> out = new ArrayList<>();
        if (value.isPresent() && value.get().length % Ipv6.LENGTH == 0) {
            for (int i = 0; i < value.get().length; i += Ipv6.LENGTH) {
                out.add(Ipv6.fromBytes(value.get(), i));
            }
        }
        return List.copyOf(out);
    }

    /** Where DHCPV4-QUERYs go: each learned address, port 547, or ff02::1:2 when none was learned. */
    public static List<InetSocketAddress> destinations(List<Inet6Address> learned) {
        if (learned.isEmpty()) {
            return List.of(V6Destinations.MULTICAST);
        }
        return learned.stream().map(V6Destinations::server).toList();
    }

    /** The DHCPv4 octets of a DHCPV4-RESPONSE (under however many RELAY-REPL layers), if that is what arrived. */
    public static Optional<byte[]> responsePayload(DhcpV6Message received) {
        DhcpV6Message m = received instanceof RelayMessage r ? r.innermost() : received;
        if (m instanceof Dhcp4o6Message r && DhcpV6MessageType.DHCPV4_RESPONSE.equals(r.type())) {
            return r.options().get(DhcpV6OptionCode.DHCPV4_MSG);
        }
        return Optional.empty();
    }
}
