package org.dhcpcluster.protocol.v4.codec;

import org.dhcpcluster.protocol.v4.DhcpV4Message;

/**
 * Calls every typed getter the v4 edge reads. The decoder validated each option against its
 * definition, so on a decoded message none of them may throw: a getter that does would crash
 * the edge on a packet the decoder let through.
 */
final class V4Accessors {
    private V4Accessors() {
    }

    static void readAll(DhcpV4Message m) {
        m.clientHardwareAddress();
        m.clientHardwareAddressText();
        m.broadcastFlag();
        m.messageType();
        m.serverIdentifier();
        m.requestedIpAddress();
        m.ipAddressLeaseTime();
        m.renewalTime();
        m.rebindingTime();
        m.clientIdentifier().ifPresent(id -> {
            id.toHex();
            id.iaid();
            id.duid();
        });
        m.parameterRequestList();
        m.maximumMessageSize();
        m.relayAgentInformation().ifPresent(relay -> {
            relay.circuitId();
            relay.remoteId();
            relay.linkSelection();
            relay.serverIdentifierOverride();
            relay.toOptionValue();
        });
        m.subnetSelection();
        m.hostName();
        m.vendorClassIdentifier();
        m.message();
        m.toString();
    }
}
