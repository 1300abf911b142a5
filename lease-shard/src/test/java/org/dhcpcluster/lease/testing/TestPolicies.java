package org.dhcpcluster.lease.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dhcpcluster.lease.v4.policy.AddressRange;
import org.dhcpcluster.lease.v4.policy.LeaseTimes;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v4.policy.Prefix4;
import org.dhcpcluster.lease.v4.policy.Reservation4;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.protocol.v4.DhcpV4Options;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.OptionCode;

/** Small policies built in code for tests; documentation address ranges only. */
public final class TestPolicies {
    public static final String SERVICE_ADDRESS = "192.0.2.1";
    public static final int SUBNET_ID = 1;

    private TestPolicies() {
    }

    public static int ip(String dotted) {
        return Ipv4.toInt(Ipv4.parse(dotted));
    }

    /** 192.0.2.0/24, pool .100-.199 (one block), lease 3600 s, offer hold 30 s, decline quarantine 1 h. */
    public static Policy4 lan() {
        return lanWithPool("192.0.2.100", "192.0.2.199");
    }

    public static Policy4 lanWithPool(String first, String last) {
        return policy(subnet(SUBNET_ID, "192.0.2.0/24", List.of(new AddressRange(ip(first), ip(last))), Map.of(), Map.of(), false));
    }

    public static Policy4 policy(Subnet4... subnets) {
        return new Policy4(Ipv4.parse(SERVICE_ADDRESS), List.of(subnets), Duration.ofSeconds(30), Duration.ofHours(1));
    }

    public static Subnet4 subnet(int id, String prefix, List<AddressRange> pools,
                                 Map<String, Reservation4> byMac, Map<String, Reservation4> byClientId, boolean authoritative) {
        DhcpV4Options options = DhcpV4Options.builder()
                .put(OptionCode.ROUTERS, Ipv4.parse("192.0.2.1").getAddress())
                .put(OptionCode.DOMAIN_NAME_SERVERS, new byte[] {(byte) 192, 0, 2, 53})
                .put(OptionCode.DOMAIN_NAME, "example.test".getBytes())
                .build();
        return new Subnet4(id, Prefix4.parse(prefix), pools, options, LeaseTimes.of(3600), byMac, byClientId,
                List.of(), Optional.empty(), authoritative, Ipv4.ANY);
    }

    public static Reservation4 reserveMac(String mac, String address) {
        return new Reservation4(mac, null, ip(address), Optional.of("reserved-host"), DhcpV4Options.empty());
    }
}
