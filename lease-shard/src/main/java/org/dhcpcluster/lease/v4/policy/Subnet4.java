package org.dhcpcluster.lease.v4.policy;

import java.net.Inet4Address;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dhcpcluster.protocol.v4.DhcpV4Options;

/**
 * One DHCPv4 subnet: where its clients are, which addresses it hands out, and what it tells
 * them.
 *
 * @param id stable identifier chosen by the operator; it is part of every lease's
 *     persistence id, so it must never be reused for another network
 * @param relayAddresses giaddr values that select this subnet even when they lie outside it
 *     (a relay whose own address is on another network)
 * @param interfaceName the node interface whose directly attached clients belong here, or empty
 * @param authoritative when true, a REQUEST for an address this server cannot give is NAKed
 *     (the client restarts at once); when false the server stays silent, as RFC 2131 section
 *     4.3.2 asks of a server with no record of the client
 * @param nextServer siaddr in replies (RFC 2131: the next server in bootstrap), 0.0.0.0 if none
 */
public record Subnet4(
        int id,
        Prefix4 prefix,
        List<AddressRange> pools,
        DhcpV4Options options,
        LeaseTimes leaseTimes,
        Map<String, Reservation4> reservationsByHardwareAddress,
        Map<String, Reservation4> reservationsByClientId,
        List<Integer> relayAddresses,
        Optional<String> interfaceName,
        boolean authoritative,
        Inet4Address nextServer) {

    public Subnet4 {
        pools = List.copyOf(pools);
        reservationsByHardwareAddress = Map.copyOf(reservationsByHardwareAddress);
        reservationsByClientId = Map.copyOf(reservationsByClientId);
        relayAddresses = List.copyOf(relayAddresses);
    }

    public boolean inPool(int address) {
        for (AddressRange r : pools) {
            if (r.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The reservation for a client. The client identifier wins over the hardware address,
     * as in ISC DHCP and Kea, since it is what the client says identifies it.
     */
    public Optional<Reservation4> reservationFor(String hardwareAddress, Optional<String> clientIdHex) {
        if (clientIdHex.isPresent()) {
            Reservation4 byId = reservationsByClientId.get(clientIdHex.get());
            if (byId != null) {
                return Optional.of(byId);
            }
        }
        return Optional.ofNullable(reservationsByHardwareAddress.get(hardwareAddress));
    }

    @Override
    public String toString() {
        return "subnet " + id + " (" + prefix + ")";
    }
}
