package org.dhcpcluster.lease.v4.policy;

import java.util.Optional;
import org.dhcpcluster.protocol.v4.DhcpV4Options;
import org.dhcpcluster.protocol.v4.Ipv4;

/**
 * A fixed address for one client, identified by hardware address or by client identifier
 * (exactly one of the two), with an optional host name and options that override the
 * subnet's. The address may lie inside or outside the subnet's pools; either way no other
 * client is given it.
 *
 * @param hardwareAddress lower-case "aa:bb:cc:dd:ee:ff", or null
 * @param clientId lower-case hex of the whole option 61 value (type octet first), or null
 */
public record Reservation4(String hardwareAddress, String clientId, int address, Optional<String> hostName,
                           DhcpV4Options options) {

    public Reservation4 {
        if ((hardwareAddress == null) == (clientId == null)) {
            throw new IllegalArgumentException("a reservation names exactly one of hardware address and client id");
        }
    }

    public String identity() {
        return hardwareAddress != null ? "hw-address " + hardwareAddress : "client-id " + clientId;
    }

    @Override
    public String toString() {
        return identity() + " -> " + Ipv4.format(address);
    }
}
