package org.dhcpcluster.node.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.node.edge.v6.Dhcp4o6Link;
import org.dhcpcluster.node.edge.v6.Dhcp4o6Links;

/**
 * Reads the DHCPv4-over-DHCPv6 keys of {@code dhcp.v4.subnets} (Kea's names): {@code 4o6-subnet}
 * (an IPv6 prefix), {@code 4o6-interface} and {@code 4o6-interface-id}, each naming the IPv6
 * link whose 4o6 clients this v4 subnet serves.
 */
final class Dhcp4o6Reader {
    private Dhcp4o6Reader() {
    }

    static Dhcp4o6Links read(Section v4) {
        List<Dhcp4o6Link> links = new ArrayList<>();
        for (Section s : v4.sections("subnets")) {
            if (!s.has("4o6-subnet") && !s.has("4o6-interface") && !s.has("4o6-interface-id")) {
                continue;
            }
            Optional<Address128> prefix = Optional.empty();
            int length = 0;
            if (s.has("4o6-subnet")) {
                String[] parts = s.parse("4o6-subnet", s.string("4o6-subnet"), Policy6Reader::prefixParts);
                prefix = Optional.of(s.parse("4o6-subnet", parts[0], Address128::parse));
                length = s.parse("4o6-subnet", parts[1], Policy6Reader::prefixLength);
            }
            Optional<String> interfaceId = s.optionalString("4o6-interface-id")
                    .map(t -> HexFormat.of().formatHex(t.getBytes(StandardCharsets.UTF_8)));
            links.add(new Dhcp4o6Link(s.integer("id", 1, Integer.MAX_VALUE), prefix, length, s.optionalString("4o6-interface"),
                    interfaceId));
        }
        return new Dhcp4o6Links(links);
    }
}
