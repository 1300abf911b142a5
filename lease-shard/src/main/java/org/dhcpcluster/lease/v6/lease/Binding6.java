package org.dhcpcluster.lease.v6.lease;

import org.dhcpcluster.lease.serialization.KryoSerializable;
import org.dhcpcluster.lease.v6.space.Address128;

/**
 * An address (length 128) or delegated prefix held by a lease, with epoch-ms lifetimes. It
 * may lie in the past: expiry is lazy.
 */
public record Binding6(Address128 item, int length, long boundAt, long preferredUntil, long validUntil)
        implements KryoSerializable {

    public boolean validAt(long now) {
        return validUntil > now;
    }

    public String text() {
        return length == 128 ? item.format() : item.format() + "/" + length;
    }
}
