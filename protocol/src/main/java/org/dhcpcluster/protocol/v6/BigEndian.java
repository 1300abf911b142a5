package org.dhcpcluster.protocol.v6;

/**
 * Network-order integer reads from byte arrays (RFC 8415 section 8: "All values in the
 * message header and in options are in network byte order"). Used by the option views,
 * which work on option values as arrays; callers check lengths first, so an out-of-range
 * read here is a programming error and throws {@link ArrayIndexOutOfBoundsException}.
 */
public final class BigEndian {
    private BigEndian() {
    }

    public static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    public static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    public static int u24(byte[] b, int at) {
        return (b[at] & 0xFF) << 16 | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF);
    }

    public static long u32(byte[] b, int at) {
        return (long) u16(b, at) << 16 | u16(b, at + 2);
    }

    public static long u64(byte[] b, int at) {
        return u32(b, at) << 32 | u32(b, at + 4);
    }
}
