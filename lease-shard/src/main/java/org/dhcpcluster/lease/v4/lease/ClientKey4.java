package org.dhcpcluster.lease.v4.lease;

import java.util.HexFormat;
import org.dhcpcluster.protocol.v4.DhcpV4Message;

/**
 * What identifies a DHCPv4 client (RFC 2131 section 4.2): the client identifier (option 61)
 * when it sends one, else the hardware type and address. Rendered as text for entity ids
 * ("id-01aabbccddeeff", "hw-1-aabbccddeeff"): short, unambiguous, and safe in a persistence id.
 */
public final class ClientKey4 {
    private ClientKey4() {
    }

    public static String of(DhcpV4Message m) {
        return m.clientIdentifier()
                .map(id -> "id-" + id.toHex())
                .orElseGet(() -> "hw-" + m.htype() + "-" + HexFormat.of().formatHex(m.clientHardwareAddress()));
    }

    /** The entity id of a client's lease in a subnet. */
    public static String entityId(int subnetId, String clientKey) {
        return subnetId + ":" + clientKey;
    }
}
