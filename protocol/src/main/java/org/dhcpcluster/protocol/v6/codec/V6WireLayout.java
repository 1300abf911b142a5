package org.dhcpcluster.protocol.v6.codec;

/**
 * Offsets and sizes of the three DHCPv6 headers (RFC 8415 sections 8 and 9, RFC 7341
 * section 6) and of the option header (section 21.1). One place, so decoder and encoder
 * cannot disagree about where a field starts.
 */
final class V6WireLayout {
    static final int MSG_TYPE = 0;

    /** Client/server: msg-type (1), transaction-id (3). DHCPv4-over-DHCPv6: msg-type (1), flags (3). */
    static final int SHORT_HEADER = 4;

    /** Relay: msg-type (1), hop-count (1), link-address (16), peer-address (16). */
    static final int HOP_COUNT = 1;
    static final int LINK_ADDRESS = 2;
    static final int PEER_ADDRESS = 18;
    static final int RELAY_HEADER = 34;

    /** option-code (2), option-len (2). */
    static final int OPTION_HEADER = 4;

    private V6WireLayout() {
    }
}
