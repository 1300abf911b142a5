package org.dhcpcluster.client.cli;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dhcpcluster.client.v4.DhcpV4Lease;
import org.dhcpcluster.client.v6.DhcpV6Lease;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.OptionCode;
import org.dhcpcluster.protocol.v6.Ipv6;
import org.dhcpcluster.protocol.v6.option.IaAddress;
import org.dhcpcluster.protocol.v6.option.IaPrefix;

/**
 * The one-line JSON the CLI prints for each lease event (bound, renewed, released, expired):
 * what a script needs to configure the interface or check a server, with times in seconds.
 */
final class LeaseJson {
    private LeaseJson() {
    }

    static String v4(String family, String event, String device, DhcpV4Lease lease) {
        JsonLine j = new JsonLine().put("event", event).put("family", family).put("interface", device)
                .put("address", lease.address().getHostAddress())
                .put("prefix-length", prefixLength(lease))
                .put("server", lease.serverIdentifier().getHostAddress())
                .put("lease-time", lease.leaseTime().getSeconds())
                .put("renew", lease.renewalTime().getSeconds())
                .put("rebind", lease.rebindingTime().getSeconds());
        List<String> routers = addresses(lease, OptionCode.ROUTERS);
        if (!routers.isEmpty()) {
            j.put("routers", routers);
        }
        List<String> dns = addresses(lease, OptionCode.DOMAIN_NAME_SERVERS);
        if (!dns.isEmpty()) {
            j.put("dns", dns);
        }
        return j.toString();
    }

    /** From option 1, else the classful /24 guess nobody should rely on is avoided: /32. */
    static int prefixLength(DhcpV4Lease lease) {
        Optional<byte[]> mask = lease.options().get(OptionCode.SUBNET_MASK);
        if (mask.isEmpty() || mask.get().length != 4) {
            return 32;
        }
        return Integer.bitCount(Ipv4.toInt(Ipv4.fromBytes(mask.get())));
    }

    private static List<String> addresses(DhcpV4Lease lease, int code) {
        List<String> out = new ArrayList<>();
        lease.options().get(code).ifPresent(v -> {
            for (int i = 0; i + 4 <= v.length; i += 4) {
                out.add(Ipv4.fromBytes(v, i).getHostAddress());
            }
        });
        return out;
    }

    static String v6(String event, String device, DhcpV6Lease lease) {
        List<Map<String, Object>> addresses = new ArrayList<>();
        for (IaAddress a : lease.addresses()) {
            addresses.add(Map.of("address", Ipv6.format(a.address()), "preferred", a.preferredLifetime(),
                    "valid", a.validLifetime()));
        }
        List<Map<String, Object>> prefixes = new ArrayList<>();
        for (IaPrefix p : lease.prefixes()) {
            prefixes.add(Map.of("prefix", Ipv6.format(p.prefix()) + "/" + p.prefixLength(),
                    "preferred", p.preferredLifetime(), "valid", p.validLifetime()));
        }
        JsonLine j = new JsonLine().put("event", event).put("family", "v6").put("interface", device)
                .put("server-duid", lease.serverId().toColonHex())
                .put("addresses", addresses).put("prefixes", prefixes);
        lease.serverUnicast().ifPresent(u -> j.put("server-unicast", Ipv6.format(u)));
        return j.toString();
    }

    static String servers4o6(String device, List<Inet6Address> learned) {
        return new JsonLine().put("event", "4o6-servers").put("family", "4o6").put("interface", device)
                .put("servers", learned.stream().map(Ipv6::format).toList())
                .put("fallback-multicast", learned.isEmpty()).toString();
    }

    static String nak(String family, String device, Optional<String> message) {
        return new JsonLine().put("event", "nak").put("family", family).put("interface", device)
                .put("message", message.orElse("")).toString();
    }

    static String declined(String family, String device, Inet4Address address) {
        return new JsonLine().put("event", "declined").put("family", family).put("interface", device)
                .put("address", address.getHostAddress()).toString();
    }
}
