package org.dhcpcluster.protocol.v6;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A message whose type this codec does not know (leasequery, bulk leasequery, a future
 * RFC): its layout is unknown, so everything after the msg-type octet is kept raw. Decoding
 * one is not an error: the server counts it by type and drops it, and the octets re-encode
 * unchanged.
 */
public record UnknownMessage(DhcpV6MessageType type, byte[] body) implements DhcpV6Message {

    public UnknownMessage {
        Objects.requireNonNull(type, "type");
        if (type.layout() != DhcpV6MessageType.Layout.UNKNOWN) {
            throw new IllegalArgumentException(type + " is a known type; decode it as such");
        }
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public List<DroppedOption> droppedOptions() {
        return List.of();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownMessage other && type.equals(other.type) && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return type + "[" + body.length + " octets: " + HexFormat.of().formatHex(body, 0, Math.min(body.length, 32))
                + (body.length > 32 ? "..." : "") + "]";
    }
}
