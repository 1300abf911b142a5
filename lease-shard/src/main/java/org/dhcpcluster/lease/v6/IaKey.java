package org.dhcpcluster.lease.v6;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Identifies one DHCPv6 lease within a link: a client's DUID and one of its identity
 * associations (type and IAID), the key RFC 8415 section 12 gives bindings. As a holder key:
 * the IA option code, the IAID (4 octets) and the DUID; as text
 * {@code <duid hex>:<na|ta|pd>:<iaid>}.
 */
public final class IaKey {
    private IaKey() {
    }

    public static byte[] of(byte[] duid, IaType type, long iaid) {
        if (duid.length == 0) {
            throw new IllegalArgumentException("a DUID has at least one octet");
        }
        return ByteBuffer.allocate(5 + duid.length).put((byte) type.optionCode()).putInt((int) iaid).put(duid).array();
    }

    public static IaType type(byte[] key) {
        for (IaType t : IaType.values()) {
            if (t.optionCode() == (key[0] & 0xff)) {
                return t;
            }
        }
        throw new IllegalArgumentException("not a DHCPv6 IA key: type octet " + (key[0] & 0xff));
    }

    public static long iaid(byte[] key) {
        return ByteBuffer.wrap(key, 1, 4).getInt() & 0xFFFF_FFFFL;
    }

    public static byte[] duid(byte[] key) {
        return Arrays.copyOfRange(key, 5, key.length);
    }

    public static String text(byte[] key) {
        return HexFormat.of().formatHex(key, 5, key.length) + ":" + type(key).label() + ":" + iaid(key);
    }

    /** Parses {@code <duid hex>:<na|ta|pd>:<iaid>}; IllegalArgumentException names the problem. */
    public static byte[] parse(String text) {
        String[] p = text.split(":");
        if (p.length != 3) {
            throw new IllegalArgumentException("not a DHCPv6 IA key: " + text);
        }
        return of(HexFormat.of().parseHex(p[0]), IaType.fromLabel(p[1]), Long.parseLong(p[2]));
    }
}
