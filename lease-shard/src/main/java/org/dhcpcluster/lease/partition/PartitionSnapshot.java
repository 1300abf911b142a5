package org.dhcpcluster.lease.partition;

import org.dhcpcluster.lease.serialization.KryoSerializable;

/**
 * A partition's durable records at one sequence number, column by column (compact in Kryo):
 * the records of {@code offsets[i]}, and which of them a holder's index entry points at
 * ({@code indexed}, a {@link java.util.BitSet} as bytes). Persisted; add fields only at the end.
 */
public record PartitionSnapshot(int size, int[] offsets, int[] subnets, byte[][] holders, long[] expiresAt, byte[] states,
                                byte[] indexed) implements KryoSerializable {
}
