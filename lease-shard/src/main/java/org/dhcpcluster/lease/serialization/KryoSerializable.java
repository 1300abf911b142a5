package org.dhcpcluster.lease.serialization;

/**
 * Marks every command, reply, event and snapshot that may leave the JVM or reach the
 * journal. Bound to {@link KryoSerializer} in {@code serialization.conf}; Java serialization
 * is switched off, so a message without this marker fails loudly instead of silently using it.
 */
public interface KryoSerializable {
}
