package org.dhcpcluster.protocol.v6;

import java.io.ByteArrayOutputStream;

/**
 * Builds option values in network byte order (RFC 8415 section 8). The typed option views
 * use it to write themselves back; range checks belong to the caller, this only truncates
 * each integer to its field width.
 */
public final class OctetWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public OctetWriter u8(int v) {
        out.write(v);
        return this;
    }

    public OctetWriter u16(int v) {
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    public OctetWriter u32(long v) {
        u16((int) (v >>> 16));
        return u16((int) v);
    }

    public OctetWriter u64(long v) {
        u32(v >>> 32);
        return u32(v);
    }

    public OctetWriter bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    /** A 2-octet length then the octets: the item format of user-class-data and vendor-class-data (RFC 8415 21.15, 21.16). */
    public OctetWriter lengthPrefixed(byte[] b) {
        if (b.length > 0xFFFF) {
            throw new IllegalArgumentException("an item with a 16-bit length holds at most 65535 octets, got " + b.length);
        }
        return u16(b.length).bytes(b);
    }

    /** An option TLV: code, length, value (RFC 8415 section 21.1). */
    public OctetWriter option(DhcpV6Option o) {
        return u16(o.code()).u16(o.length()).bytes(o.value());
    }

    public OctetWriter options(DhcpV6Options options) {
        for (DhcpV6Option o : options.all()) {
            option(o);
        }
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Convenience for a value made of one fixed-width integer. */
    public static byte[] uint32(long v) {
        return new OctetWriter().u32(v).toByteArray();
    }

    public static byte[] uint16(int v) {
        return new OctetWriter().u16(v).toByteArray();
    }
}
