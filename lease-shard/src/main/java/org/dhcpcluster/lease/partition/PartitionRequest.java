package org.dhcpcluster.lease.partition;

import org.dhcpcluster.lease.serialization.KryoSerializable;

/**
 * A client message as a partition sees it, whatever the family: who sent it and which
 * transmission it is, for {@link RecentExchanges}. The family's own fields (addresses, IAs,
 * options that matter) are in the implementing record.
 */
public interface PartitionRequest extends KryoSerializable {
    Holder holder();

    int xid();

    /** The message type (v4 option 53, v6 msg-type), so a REQUEST is never taken for a copy of a DISCOVER. */
    int type();

    /** v4 secs, v6 Elapsed Time: grows with each retransmission, equal in copies. */
    int elapsed();

    /** When an edge received the datagram, epoch ms. */
    long receivedAt();
}
