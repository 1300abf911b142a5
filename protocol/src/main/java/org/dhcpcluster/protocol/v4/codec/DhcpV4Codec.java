package org.dhcpcluster.protocol.v4.codec;

import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.DhcpV4Message;

/**
 * The DHCPv4 wire codec: the only entry point between UDP payloads and
 * {@link DhcpV4Message}. Decoding rules and their tolerances are listed on
 * {@link DhcpV4Decoder}; encoding rules on {@link DhcpV4Encoder}.
 */
public final class DhcpV4Codec {
    /** The DHCP payload a client accepts when it sends no option 57: 576 - 20 (IP) - 8 (UDP). */
    public static final int DEFAULT_MAX_PAYLOAD = 548;

    /** IPv4 header without options (20) plus UDP header (8): what option 57 counts beyond the DHCP payload. */
    private static final int IP_UDP_HEADERS = 28;
    private static final int MINIMUM_MAX_MESSAGE_SIZE = 576;

    private DhcpV4Codec() {
    }

    /**
     * Reads one UDP payload.
     *
     * @throws DecodeException when the datagram cannot be answered; options that are merely
     *         malformed are dropped and listed in {@link DhcpV4Message#droppedOptions()} instead
     */
    public static DhcpV4Message decode(byte[] datagram) throws DecodeException {
        return DhcpV4Decoder.decode(datagram);
    }

    /**
     * Writes one UDP payload of at most {@code maxPayload} octets (or exactly 300 when the
     * message is smaller: the BOOTP minimum), overloading {@code file}/{@code sname} if needed.
     *
     * @throws DhcpEncodeException if the options do not fit even with overload
     */
    public static byte[] encode(DhcpV4Message message, int maxPayload) {
        return DhcpV4Encoder.encode(message, maxPayload);
    }

    /**
     * The payload limit for a reply to {@code request}: its option 57 (RFC 2132 9.10, which
     * counts the whole IP datagram) minus the IP and UDP headers, or
     * {@link #DEFAULT_MAX_PAYLOAD} when the client sent none or a value below the RFC's
     * minimum of 576.
     */
    public static int maxPayloadFor(DhcpV4Message request) {
        int size = request.maximumMessageSize().orElse(MINIMUM_MAX_MESSAGE_SIZE);
        return Math.max(size, MINIMUM_MAX_MESSAGE_SIZE) - IP_UDP_HEADERS;
    }
}
