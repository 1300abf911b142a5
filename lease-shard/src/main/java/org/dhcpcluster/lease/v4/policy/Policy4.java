package org.dhcpcluster.lease.v4.policy;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.dhcpcluster.lease.partition.FloodLimits;
import org.dhcpcluster.protocol.v4.Ipv4;

/**
 * The whole DHCPv4 policy of the cluster: the service address every node answers as, the
 * subnets, and the timers of the allocation protocol. Immutable; identical on every node.
 *
 * <p>Addresses are grouped in blocks of {@value #BLOCK_SIZE} aligned addresses (a.b.c.0 -
 * a.b.c.255), the DHCPv4 partitions: each block is one sharded entity and the only authority
 * over its addresses, which is what keeps an address from being bound to two clients.
 *
 * @param serviceAddress the server identifier (option 54) of the whole cluster
 * @param offerHold how long an offered address stays reserved for the client it was offered to
 * @param declineQuarantine how long an address a client declined (it found it in use) is withheld
 * @param floodLimits how much of a partition offers may hold and DECLINEs may quarantine
 */
public final class Policy4 {

    public static final int BLOCK_SIZE = 256;

    private final Inet4Address serviceAddress;
    private final List<Subnet4> subnets;
    private final Duration offerHold;
    private final Duration declineQuarantine;
    private final FloodLimits floodLimits;
    /** Per subnet id, the bases of its pool blocks: asked on every DISCOVER, so computed once. */
    private final Map<Integer, int[]> blockBasesBySubnet = new HashMap<>();
    /** Every reserved address of every subnet: never handed out dynamically. */
    private final Set<Integer> reservedAddresses = new HashSet<>();

    public Policy4(Inet4Address serviceAddress, List<Subnet4> subnets, Duration offerHold, Duration declineQuarantine) {
        this(serviceAddress, subnets, offerHold, declineQuarantine, FloodLimits.DEFAULTS);
    }

    public Policy4(Inet4Address serviceAddress, List<Subnet4> subnets, Duration offerHold, Duration declineQuarantine,
                   FloodLimits floodLimits) {
        this.floodLimits = floodLimits;
        this.serviceAddress = serviceAddress;
        this.subnets = List.copyOf(subnets);
        this.offerHold = offerHold;
        this.declineQuarantine = declineQuarantine;
        for (Subnet4 s : this.subnets) {
            blockBasesBySubnet.put(s.id(), computeBlockBases(s));
            s.reservationsByHardwareAddress().values().forEach(r -> reservedAddresses.add(r.address()));
            s.reservationsByClientId().values().forEach(r -> reservedAddresses.add(r.address()));
        }
    }

    public Inet4Address serviceAddress() {
        return serviceAddress;
    }

    public List<Subnet4> subnets() {
        return subnets;
    }

    public Duration offerHold() {
        return offerHold;
    }

    public Duration declineQuarantine() {
        return declineQuarantine;
    }

    public FloodLimits floodLimits() {
        return floodLimits;
    }

    public static int blockBase(int address) {
        return address & ~(BLOCK_SIZE - 1);
    }

    public int serviceAddressInt() {
        return Ipv4.toInt(serviceAddress);
    }

    public Optional<Subnet4> subnet(int id) {
        for (Subnet4 s : subnets) {
            if (s.id() == id) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public Optional<Subnet4> subnetContaining(int address) {
        for (Subnet4 s : subnets) {
            if (s.prefix().contains(address)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The subnet of a relayed client: one that lists the relay's giaddr explicitly, else the one
     * that contains it (RFC 2131 section 4.3.1).
     */
    public Optional<Subnet4> subnetForRelay(int giaddr) {
        for (Subnet4 s : subnets) {
            if (s.relayAddresses().contains(giaddr)) {
                return Optional.of(s);
            }
        }
        return subnetContaining(giaddr);
    }

    /**
     * The subnet of a directly attached client that arrived on an interface: the subnet bound to
     * that interface by name, else one containing an address of the interface.
     */
    public Optional<Subnet4> subnetForInterface(String name, List<Integer> interfaceAddresses) {
        for (Subnet4 s : subnets) {
            if (s.interfaceName().filter(name::equals).isPresent()) {
                return Optional.of(s);
            }
        }
        for (int a : interfaceAddresses) {
            Optional<Subnet4> s = subnetContaining(a);
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    /**
     * Offsets in the block starting at {@code base} that a client of {@code subnet} may be given
     * dynamically: inside one of the subnet's pools, not the subnet's network or broadcast
     * address, not the service address, not reserved for a client (in any subnet). Addresses of
     * other subnets sharing the block are never among them.
     */
    public BitSet dynamicOffsets(int base, Subnet4 subnet) {
        BitSet offsets = new BitSet(BLOCK_SIZE);
        int service = serviceAddressInt();
        Prefix4 p = subnet.prefix();
        for (int off = 0; off < BLOCK_SIZE; off++) {
            int a = base + off;
            if (!p.contains(a) || !subnet.inPool(a) || reservedAddresses.contains(a) || a == service) {
                continue;
            }
            if (p.length() <= 30 && (a == p.network() || a == p.broadcast())) {
                continue;
            }
            offsets.set(off);
        }
        return offsets;
    }

    /**
     * The bases of every block that holds pool addresses of a subnet, in address order. The
     * array is shared: callers must not modify it.
     */
    public int[] blockBases(Subnet4 subnet) {
        int[] cached = blockBasesBySubnet.get(subnet.id());
        return cached != null ? cached : computeBlockBases(subnet);
    }

    private static int[] computeBlockBases(Subnet4 subnet) {
        TreeSet<Long> bases = new TreeSet<>();
        for (AddressRange r : subnet.pools()) {
            long first = Integer.toUnsignedLong(blockBase(r.first()));
            long last = Integer.toUnsignedLong(r.last());
            for (long b = first; b <= last; b += BLOCK_SIZE) {
                bases.add(b);
            }
        }
        return bases.stream().mapToInt(b -> (int) (long) b).toArray();
    }
}
