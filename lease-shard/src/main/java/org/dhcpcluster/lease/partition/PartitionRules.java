package org.dhcpcluster.lease.partition;

/**
 * A family's decisions over a partition (DHCPv4 RFC 2131 rules, DHCPv6 RFC 8415 rules). The
 * entity shell is the same for every family; what differs is here.
 */
public interface PartitionRules {
    /** The partition named by an entity id of this family (without the family prefix). */
    PartitionKey key(String id);

    /** Decides one message; reads the state, changes nothing. */
    Decision decide(PartitionRequest request, PartitionKey key, PartitionState state, long now);

    /** The answer to a copy of a message already answered. */
    PartitionAnswer copy();

    /** How long an offer holds its item, and how long a retransmission gets the same answer again. */
    long offerHoldMs();

    /** How much of a partition offers and DECLINEs may tie up (the family's policy of the moment). */
    FloodLimits floodLimits();
}
