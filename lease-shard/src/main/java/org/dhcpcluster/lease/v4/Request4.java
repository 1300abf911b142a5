package org.dhcpcluster.lease.v4;

import org.dhcpcluster.lease.partition.Holder;
import org.dhcpcluster.lease.partition.PartitionRequest;

/**
 * A DHCPv4 client message as the partition that owns its address sees it: the edge has decoded
 * it, chosen the subnet, made the checks that need no lease state, and picked this partition.
 *
 * @param type the message type code (option 53): DISCOVER, REQUEST, DECLINE or RELEASE
 * @param find for a DISCOVER, what this partition is asked for
 * @param address the address the message is about: the preferred one of a DISCOVER (its
 *     reservation, or the address it asked for), the requested one of a SELECTING or
 *     INIT-REBOOT REQUEST or a DECLINE, ciaddr of a RENEWING or REBINDING REQUEST or a RELEASE;
 *     0 for a DISCOVER that may take any address
 * @param selecting a REQUEST that names this server: the client chose our offer (RFC 2131 4.3.2)
 * @param requestedLeaseSeconds option 51, or -1
 * @param hardwareAddress chaddr (hlen octets), for reservations and the lease history
 * @param hostName option 12, or null
 * @param giaddr the relay's address, 0 if the client is on a link of the node
 */
public record Request4(Holder holder, int xid, int type, int elapsed, long receivedAt, Find find, int address, boolean selecting,
                       long requestedLeaseSeconds, byte[] hardwareAddress, String hostName, int giaddr) implements PartitionRequest {

    /** The same message, asking for something else of the next partition it reaches. */
    public Request4 aimedAt(Find find, int address) {
        return new Request4(holder, xid, type, elapsed, receivedAt, find, address, selecting, requestedLeaseSeconds, hardwareAddress,
                hostName, giaddr);
    }

    /** What a DISCOVER asks of the partition it reaches. */
    public enum Find {
        /** the client's reserved address, and no other */
        RESERVED,
        /** the client's own address here, else {@code address} if free, else nothing */
        PREFERRED,
        /** the client's own address here, else {@code address} if it is here and free, else any free one */
        ANY
    }
}
