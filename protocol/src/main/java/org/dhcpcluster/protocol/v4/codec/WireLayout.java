package org.dhcpcluster.protocol.v4.codec;

/**
 * Byte offsets and sizes of the fixed BOOTP/DHCP header (RFC 2131 section 2, figure 1) and
 * the constants that frame the options after it. One place, so decoder and encoder cannot
 * disagree about where a field starts.
 */
final class WireLayout {
    static final int OP = 0;
    static final int HTYPE = 1;
    static final int HLEN = 2;
    static final int HOPS = 3;
    static final int XID = 4;
    static final int SECS = 8;
    static final int FLAGS = 10;
    static final int CIADDR = 12;
    static final int YIADDR = 16;
    static final int SIADDR = 20;
    static final int GIADDR = 24;
    static final int CHADDR = 28;
    static final int SNAME = 44;
    static final int FILE = 108;
    /** The fixed header ends here; RFC 2131 section 3 puts the magic cookie right after it. */
    static final int COOKIE = 236;
    static final int OPTIONS = 240;

    /** 99.130.83.99 (RFC 2131 section 3, RFC 2132 section 2). */
    static final int MAGIC_COOKIE = 0x63825363;

    static final int PAD = 0;
    static final int END = 255;

    /** Option 52 values (RFC 2132 9.3): bit 0 is "file holds options", bit 1 is "sname holds options". */
    static final int OVERLOAD_FILE = 1;
    static final int OVERLOAD_SNAME = 2;

    /**
     * RFC 1542 section 2.1: "The IP Total Length and UDP Length must be large enough to
     * contain the minimal BOOTP header of 300 octets". Relays and old clients drop shorter
     * messages, so the encoder pads up to this.
     */
    static final int BOOTP_MINIMUM = 300;

    /** One option instance carries at most 255 octets (RFC 2132 section 2); longer ones are split (RFC 3396). */
    static final int MAX_INSTANCE = 255;

    private WireLayout() {
    }
}
