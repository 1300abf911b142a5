package org.dhcpcluster.lease.v4.lease;

import org.dhcpcluster.lease.serialization.KryoSerializable;

/**
 * A client's binding in one subnet, as its events left it.
 *
 * @param address the bound address, 0 when the client holds none
 * @param expiresAt epoch ms when the binding ends (it may lie in the past: lazy expiry)
 * @param previousAddress the last address the client held, offered again first when free
 */
public record Lease4State(int address, long boundAt, long expiresAt, int previousAddress) implements KryoSerializable {

    public static final Lease4State EMPTY = new Lease4State(0, 0, 0, 0);

    public boolean boundAt(long now) {
        return address != 0 && expiresAt > now;
    }

    /** The address to offer first: the current one, or the last one the client had. */
    public int preferredAddress() {
        return address != 0 ? address : previousAddress;
    }
}
