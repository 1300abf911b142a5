package org.dhcpcluster.lease.v4.lease;

import java.net.Inet4Address;
import java.util.Optional;
import org.dhcpcluster.lease.v4.policy.Reservation4;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;

/**
 * RFC 2131 section 4.3.2: which state a DHCPREQUEST comes from and what the server owes it.
 * Pure: the same inputs always give the same plan.
 *
 * <ul>
 *   <li>SELECTING: server identifier present, ciaddr 0, requested address present. Another
 *       server's identifier means the client chose that server: stay silent (and let go of
 *       our offer). Ours: bind the requested address.</li>
 *   <li>INIT-REBOOT: no server identifier, requested address present, ciaddr 0. A wrong
 *       network, or an address other than the one on record, is NAKed. Without a record, the
 *       address is given if free; otherwise NAK when authoritative, silence when not.</li>
 *   <li>RENEWING / REBINDING: no server identifier, no requested address, ciaddr set. Extend
 *       the binding of ciaddr; a client without a record is treated as in INIT-REBOOT.</li>
 * </ul>
 * A client with a reservation that asks for another address is NAKed so that it comes back
 * for its reserved one.
 */
public final class RequestPlanner {
    private RequestPlanner() {
    }

    public static RequestPlan plan(DhcpV4Message request, int serverId, Subnet4 subnet, Lease4State state,
                                   int offered, Optional<Reservation4> reservation, long now) {
        Optional<Inet4Address> named = request.serverIdentifier();
        int ciaddr = Ipv4.toInt(request.ciaddr());
        int requested = request.requestedIpAddress().map(Ipv4::toInt).orElse(0);

        if (named.isPresent()) {
            if (Ipv4.toInt(named.get()) != serverId) {
                return new RequestPlan.Silent(Reply4.Silence.OTHER_SERVER,
                        "client selected server " + named.get().getHostAddress());
            }
            // RFC 2131 says a SELECTING REQUEST MUST carry the requested address; some clients
            // put it in ciaddr instead, which Kea and ISC accept too.
            int address = requested != 0 ? requested : ciaddr;
            if (address == 0) {
                return new RequestPlan.Silent(Reply4.Silence.INVALID_REQUEST, "REQUEST names this server but no address");
            }
            return judge(address, subnet, state, offered, reservation, now, true);
        }
        if (requested != 0 && ciaddr == 0) {
            return judge(requested, subnet, state, offered, reservation, now, subnet.authoritative());
        }
        if (ciaddr != 0) {
            return judge(ciaddr, subnet, state, offered, reservation, now, subnet.authoritative());
        }
        return new RequestPlan.Silent(Reply4.Silence.INVALID_REQUEST, "REQUEST without requested address or ciaddr");
    }

    private static RequestPlan judge(int address, Subnet4 subnet, Lease4State state, int offered,
                                     Optional<Reservation4> reservation, long now, boolean nakWithoutRecord) {
        if (!subnet.prefix().contains(address)) {
            return new RequestPlan.Nak("address " + Ipv4.format(address) + " is not on network " + subnet.prefix());
        }
        if (reservation.isPresent()) {
            if (reservation.get().address() != address) {
                return new RequestPlan.Nak("address " + Ipv4.format(reservation.get().address()) + " is reserved for this client");
            }
            return new RequestPlan.Bind(address, true, true);
        }
        boolean onRecord = state.boundAt(now) || offered != 0;
        if (onRecord && address != state.address() && address != offered) {
            int known = offered != 0 ? offered : state.address();
            return new RequestPlan.Nak("requested " + Ipv4.format(address) + " but this client's address is " + Ipv4.format(known));
        }
        // On record: the client's own address, so a refusal means we can no longer give it: NAK.
        // Not on record: a refusal means someone else has it: NAK only if authoritative.
        return new RequestPlan.Bind(address, false, onRecord || nakWithoutRecord);
    }
}
