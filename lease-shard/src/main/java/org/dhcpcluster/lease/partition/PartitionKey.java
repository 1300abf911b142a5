package org.dhcpcluster.lease.partition;

/**
 * Which partition entity is the single authority over an item: a function of the item alone,
 * never of the configured subnets or pools, so no configuration change can make two entities
 * believe they own the same address. A partition may serve several subnets that share its
 * range (small subnets carved from one /24); each request allocates only from its own
 * subnet's pools there.
 *
 * <p>Entity id: a family digit, a colon, the family's own form: {@code 4:198.51.100.0},
 * {@code 6:L128@2001:db8:1::}.
 */
public interface PartitionKey {
    /** Items in the partition; items are named by offset 0..size-1. */
    int size();

    String entityId();

    /** 4 or 6. */
    int family();
}
