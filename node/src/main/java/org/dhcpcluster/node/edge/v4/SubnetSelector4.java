package org.dhcpcluster.node.edge.v4;

import java.util.Optional;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.RelayAgentInformation;

/**
 * Which subnet a client is on, in the order the RFCs give precedence:
 * <ol>
 *   <li>relay agent link selection sub-option (RFC 3527), when relayed;</li>
 *   <li>subnet selection option 118 (RFC 3011), the client's own statement;</li>
 *   <li>giaddr (RFC 2131 section 4.3.1), or a subnet that lists it as a relay address;</li>
 *   <li>the receiving interface, for directly attached clients;</li>
 *   <li>ciaddr, for a directly attached client renewing by unicast to a socket with no
 *       interface information.</li>
 * </ol>
 */
public final class SubnetSelector4 {
    private SubnetSelector4() {
    }

    public static Optional<Subnet4> select(DhcpV4Message m, Arrival arrival, Policy4 policy) {
        int giaddr = Ipv4.toInt(m.giaddr());
        if (giaddr != 0) {
            Optional<Integer> link = m.relayAgentInformation().flatMap(RelayAgentInformation::linkSelection).map(Ipv4::toInt);
            if (link.isPresent()) {
                return policy.subnetContaining(link.get());
            }
        }
        Optional<Integer> selection = m.subnetSelection().map(Ipv4::toInt);
        if (selection.isPresent()) {
            return policy.subnetContaining(selection.get());
        }
        if (giaddr != 0) {
            return policy.subnetForRelay(giaddr);
        }
        if (arrival.interfaceName().isPresent()) {
            return policy.subnetForInterface(arrival.interfaceName().get(), arrival.interfaceAddresses());
        }
        int ciaddr = Ipv4.toInt(m.ciaddr());
        return ciaddr != 0 ? policy.subnetContaining(ciaddr) : Optional.empty();
    }
}
