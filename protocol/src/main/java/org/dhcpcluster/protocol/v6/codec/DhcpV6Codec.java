package org.dhcpcluster.protocol.v6.codec;

import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v6.DhcpV6Message;

/**
 * The DHCPv6 wire codec: the only entry point between UDP payloads and
 * {@link DhcpV6Message}, relay and DHCPv4-over-DHCPv6 messages included. Decoding rules and
 * their tolerances are listed on {@link DhcpV6Decoder}; encoding rules on {@link DhcpV6Encoder}.
 */
public final class DhcpV6Codec {

    private DhcpV6Codec() {
    }

    /**
     * Reads one UDP payload (port 547 or 546).
     *
     * @throws DecodeException when the datagram cannot be answered; options that are merely
     *         malformed are dropped and listed in the layer's {@code droppedOptions()} instead
     */
    public static DhcpV6Message decode(byte[] datagram) throws DecodeException {
        return DhcpV6Decoder.decode(datagram);
    }

    /**
     * Writes one UDP payload, relay layers included.
     *
     * @throws IllegalArgumentException if a relayed message is longer than the Relay Message
     *         option can carry (65535 octets)
     */
    public static byte[] encode(DhcpV6Message message) {
        return DhcpV6Encoder.encode(message);
    }
}
