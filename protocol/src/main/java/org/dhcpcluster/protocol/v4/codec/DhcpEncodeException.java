package org.dhcpcluster.protocol.v4.codec;

/**
 * A message's options do not fit the payload the client can receive, even after moving
 * options into the {@code file} and {@code sname} fields (RFC 2132 9.3). Unchecked: it means
 * the server assembled more options than this client can take, a configuration problem to
 * log, not a condition callers can recover from per message.
 */
public final class DhcpEncodeException extends RuntimeException {
    private final int requiredBytes;
    private final int maxPayload;

    public DhcpEncodeException(int requiredBytes, int maxPayload, String why) {
        super("DHCPv4 message needs " + requiredBytes + " bytes without overload but the payload limit is "
                + maxPayload + " bytes; " + why);
        this.requiredBytes = requiredBytes;
        this.maxPayload = maxPayload;
    }

    /** Size of the message with all options in the options field (header, cookie, options, END). */
    public int requiredBytes() {
        return requiredBytes;
    }

    /** The DHCP payload limit the caller gave. */
    public int maxPayload() {
        return maxPayload;
    }
}
