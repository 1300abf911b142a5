package org.dhcpcluster.lease.v6;

import java.util.List;
import org.dhcpcluster.lease.partition.Holder;
import org.dhcpcluster.lease.partition.PartitionRequest;

/**
 * One identity association of a DHCPv6 client message, as the partition asked about it sees
 * it. The edge has unwrapped the relays, checked the message (RFC 8415 section 16), chosen the
 * link and this partition.
 *
 * @param type the message type code, for telling copies from retransmissions
 * @param kind what the message asks of the IA
 * @param find for SOLICIT and REQUEST: what this partition is asked for
 * @param hints the items the client listed in the IA that lie in this partition
 * @param commit a SOLICIT to be committed at once (Rapid Commit asked for and allowed)
 * @param via how the client reached the server (relay link-address or interface), for the history
 */
public record Request6(Holder holder, int xid, int type, int elapsed, long receivedAt, Kind6 kind, Find find, List<Hint6> hints,
                       boolean commit, String via) implements PartitionRequest {

    public Request6 {
        hints = List.copyOf(hints);
    }

    /** What a SOLICIT or REQUEST asks of the partition it reaches. */
    public enum Find {
        /** the client's reserved item, and no other */
        RESERVED,
        /** the IA's own item here, the one advertised to it, or an item it listed; else nothing */
        PREFERRED,
        /** as PREFERRED, else any free item */
        ANY
    }
}
