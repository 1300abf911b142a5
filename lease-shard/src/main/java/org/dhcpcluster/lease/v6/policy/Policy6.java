package org.dhcpcluster.lease.v6.policy;

import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.lease.partition.FloodLimits;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.lease.v6.space.Pool6;
import org.dhcpcluster.lease.v6.space.SliceKey;

/**
 * The whole DHCPv6 policy of the cluster: the links and the timers of the allocation
 * protocol. Immutable; identical on every node. (The server DUID is not configuration: it
 * is generated once and stored with the leases, so every node answers with the same one.)
 *
 * @param offerHold how long an advertised address or prefix stays reserved for the client
 * @param declineQuarantine how long an address a client declined (DAD found it in use) is withheld
 * @param floodLimits how much of a partition advertisements may hold and DECLINEs may quarantine
 */
public record Policy6(List<Subnet6> subnets, Duration offerHold, Duration declineQuarantine, FloodLimits floodLimits) {

    /** RFC 2526: the top 128 interface identifiers of an EUI-64 (/64) subnet are reserved anycast addresses. */
    private static final long RESERVED_ANYCAST_FIRST_IID = 0xFDFF_FFFF_FFFF_FF80L;

    public Policy6 {
        subnets = List.copyOf(subnets);
    }

    public Policy6(List<Subnet6> subnets, Duration offerHold, Duration declineQuarantine) {
        this(subnets, offerHold, declineQuarantine, FloodLimits.DEFAULTS);
    }

    public static Policy6 empty() {
        return new Policy6(List.of(), Duration.ofSeconds(60), Duration.ofHours(24));
    }

    public Optional<Subnet6> subnet(int id) {
        for (Subnet6 s : subnets) {
            if (s.id() == id) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public Optional<Subnet6> subnetContaining(Address128 address) {
        for (Subnet6 s : subnets) {
            if (s.onLink(address)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The link of a relayed client (RFC 8415 section 13.1): by the relay's interface-id when a
     * subnet names it, else a subnet listing the relay's link-address, else the one containing
     * it. A link-address of :: (a relay that has no global address on the link) needs an interface-id.
     */
    public Optional<Subnet6> subnetForRelay(Address128 linkAddress, Optional<String> interfaceIdHex) {
        if (interfaceIdHex.isPresent()) {
            String id = interfaceIdHex.get().toLowerCase();
            for (Subnet6 s : subnets) {
                if (s.interfaceIds().contains(id)) {
                    return Optional.of(s);
                }
            }
        }
        for (Subnet6 s : subnets) {
            if (s.relayLinkAddresses().contains(linkAddress)) {
                return Optional.of(s);
            }
        }
        return linkAddress.equals(Address128.ZERO) ? Optional.empty() : subnetContaining(linkAddress);
    }

    /** The link of a directly attached client: the subnet bound to the interface, else one holding an interface address. */
    public Optional<Subnet6> subnetForInterface(String name, List<Address128> interfaceAddresses) {
        for (Subnet6 s : subnets) {
            if (s.interfaceName().filter(name::equals).isPresent()) {
                return Optional.of(s);
            }
        }
        for (Address128 a : interfaceAddresses) {
            Optional<Subnet6> s = subnetContaining(a);
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    /**
     * Offsets of a slice that a client of {@code s} may be given dynamically: inside one of the
     * subnet's pools of the slice's item length, not a reserved item (of any subnet), and for
     * addresses not the subnet-router anycast address (RFC 4291 section 2.6.1) nor an RFC 2526
     * reserved anycast address.
     */
    public BitSet dynamicOffsets(SliceKey slice, Subnet6 s) {
        BitSet offsets = new BitSet(slice.size());
        Address128 sliceFirst = slice.base();
        Address128 sliceLast = slice.lastAddress();
        for (Pool6 p : s.poolsFor(slice.length() != 128)) {
            if (p.length() != slice.length() || p.first().compareTo(sliceLast) > 0 || p.last().compareTo(sliceFirst) < 0) {
                continue;
            }
            int from = p.first().compareTo(sliceFirst) <= 0 ? 0 : slice.offsetOf(p.first());
            int to = p.last().compareTo(sliceLast) >= 0 ? slice.size() - 1 : slice.offsetOf(p.last());
            offsets.set(from, to + 1);
        }
        if (slice.length() == 128) {
            clearIfIn(offsets, slice, s.prefix());
            if (s.prefixLength() == 64) {
                Address128 anycast = new Address128(s.prefix().hi(), RESERVED_ANYCAST_FIRST_IID);
                for (int i = 0; i < 128; i++) {
                    clearIfIn(offsets, slice, anycast.plusShifted(i, 0));
                }
            }
        }
        for (Subnet6 any : subnets) {
            for (Reservation6 r : any.reservations().values()) {
                if (slice.length() == 128) {
                    r.address().ifPresent(a -> clearIfIn(offsets, slice, a));
                } else if (r.prefixLength() == slice.length()) {
                    r.prefix().ifPresent(a -> clearIfIn(offsets, slice, a));
                }
            }
        }
        return offsets;
    }

    private static void clearIfIn(BitSet offsets, SliceKey slice, Address128 item) {
        if (slice.contains(item)) {
            offsets.clear(slice.offsetOf(item));
        }
    }
}
