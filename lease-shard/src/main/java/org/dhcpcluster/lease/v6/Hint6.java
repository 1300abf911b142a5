package org.dhcpcluster.lease.v6;

import org.dhcpcluster.lease.serialization.KryoSerializable;
import org.dhcpcluster.lease.v6.space.Address128;

/** An address (length 128) or prefix the client listed inside its IA (IAADDR, IAPREFIX). */
public record Hint6(Address128 item, int length) implements KryoSerializable {
}
