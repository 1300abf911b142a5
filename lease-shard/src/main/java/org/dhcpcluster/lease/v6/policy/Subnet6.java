package org.dhcpcluster.lease.v6.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.lease.v6.space.Pool6;

/**
 * One IPv6 link as the server sees it.
 *
 * @param id stable identifier; part of every lease entity id, so never reuse one for another link
 * @param interfaceName the node interface of a directly attached link, if any
 * @param relayLinkAddresses relay link-addresses (RFC 8415 section 9) that select this link
 *        besides any that lies inside {@code prefix}
 * @param interfaceIds relay interface-id values (option 18, hex) that select this link
 * @param pools address pools (IA_NA and IA_TA)
 * @param pdPools prefix-delegation pools (IA_PD)
 * @param rapidCommit whether a SOLICIT with Rapid Commit is answered by a committed REPLY (RFC 8415 section 18.3.1)
 * @param options options sent on this link (DNS servers, domain list, ...)
 * @param reservations by DUID (hex, lower case)
 */
public record Subnet6(int id, Address128 prefix, int prefixLength, Optional<String> interfaceName,
                      List<Address128> relayLinkAddresses, List<String> interfaceIds, List<Pool6> pools, List<Pool6> pdPools,
                      Lifetimes6 lifetimes, boolean rapidCommit, List<OptionData6> options,
                      Map<String, Reservation6> reservations) {

    public Subnet6 {
        if (prefixLength < 1 || prefixLength > 128) {
            throw new IllegalArgumentException("subnet prefix length " + prefixLength + " is outside 1-128");
        }
        prefix = prefix.clearLow(128 - prefixLength);
        relayLinkAddresses = List.copyOf(relayLinkAddresses);
        interfaceIds = interfaceIds.stream().map(String::toLowerCase).toList();
        pools = List.copyOf(pools);
        pdPools = List.copyOf(pdPools);
        options = List.copyOf(options);
        reservations = Map.copyOf(reservations);
        for (Pool6 p : pools) {
            if (p.length() != 128) {
                throw new IllegalArgumentException("address pool " + p + " is not a range of addresses");
            }
            if (!p.first().isIn(prefix, prefixLength) || !p.last().isIn(prefix, prefixLength)) {
                throw new IllegalArgumentException("pool " + p + " is outside " + this.prefixText());
            }
        }
    }

    public boolean onLink(Address128 address) {
        return address.isIn(prefix, prefixLength);
    }

    /** Pools of an IA type: addresses for IA_NA/IA_TA, prefixes for IA_PD. */
    public List<Pool6> poolsFor(boolean prefixDelegation) {
        return prefixDelegation ? pdPools : pools;
    }

    /** Whether {@code item} (of the pools' length) is one this link hands out dynamically. */
    public boolean inPool(Address128 item, boolean prefixDelegation) {
        for (Pool6 p : poolsFor(prefixDelegation)) {
            if (p.contains(item)) {
                return true;
            }
        }
        return false;
    }

    public Optional<Reservation6> reservationFor(String duidHex) {
        return Optional.ofNullable(reservations.get(duidHex.toLowerCase()));
    }

    public String prefixText() {
        return prefix.format() + "/" + prefixLength;
    }

    @Override
    public String toString() {
        return "subnet6 " + id + " (" + prefixText() + ")";
    }
}
