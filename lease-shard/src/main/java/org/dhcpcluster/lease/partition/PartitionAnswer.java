package org.dhcpcluster.lease.partition;

import org.dhcpcluster.lease.serialization.KryoSerializable;

/** What a partition answers a {@link PartitionRequest}: a family's own answer types implement this. */
public interface PartitionAnswer extends KryoSerializable {
    /**
     * Whether copies and retransmissions of the message should meet this answer again. False for
     * "not here, ask the next partition": the copies of that message must move on the same way.
     */
    default boolean remembered() {
        return true;
    }
}
