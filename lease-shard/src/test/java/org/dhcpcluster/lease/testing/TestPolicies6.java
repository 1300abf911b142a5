package org.dhcpcluster.lease.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dhcpcluster.lease.v6.policy.Lifetimes6;
import org.dhcpcluster.lease.v6.policy.Policy6;
import org.dhcpcluster.lease.v6.policy.Reservation6;
import org.dhcpcluster.lease.v6.policy.Subnet6;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.lease.v6.space.Pool6;

/** DHCPv6 policies for tests, in documentation space (2001:db8::/32). */
public final class TestPolicies6 {
    public static final int SUBNET_ID = 1;
    /** A client whose DUID has a reservation in {@link #lan()}. */
    public static final String RESERVED_DUID = "00030001020000000099";
    public static final Address128 RESERVED_ADDRESS = a("2001:db8:1::99");
    public static final Address128 RESERVED_PREFIX = a("2001:db8:1ff:ff00::");

    private TestPolicies6() {
    }

    public static Address128 a(String text) {
        return Address128.parse(text);
    }

    /** 2001:db8:1::/64, addresses ::1000-::1fff, /56 prefixes from 2001:db8:100::/40, rapid commit on. */
    public static Policy6 lan() {
        return withPools(List.of(Pool6.addresses(a("2001:db8:1::1000"), a("2001:db8:1::1fff"))));
    }

    /** The LAN with only {@code count} addresses in its pool, to exhaust it. */
    public static Policy6 tiny(int count) {
        return withPools(List.of(Pool6.addresses(a("2001:db8:1::1000"), a("2001:db8:1::1000").plusShifted(count - 1, 0))));
    }

    public static Policy6 withPools(List<Pool6> pools) {
        Subnet6 lan = new Subnet6(SUBNET_ID, a("2001:db8:1::"), 64, Optional.of("veth0"), List.of(), List.of(), pools,
                List.of(Pool6.delegating(a("2001:db8:100::"), 40, 56)), new Lifetimes6(3000, 4000, 1000, 2000), true, List.of(),
                Map.of(RESERVED_DUID, new Reservation6(RESERVED_DUID, Optional.of(RESERVED_ADDRESS), Optional.of(RESERVED_PREFIX), 56,
                        Optional.empty())));
        return new Policy6(List.of(lan), Duration.ofSeconds(60), Duration.ofHours(1));
    }
}
