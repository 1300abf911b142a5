package org.dhcpcluster.lease.v6.lease;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Identifies one lease: a client (DUID) on a link (subnet id) and one of its identity
 * associations (type and IAID), the key RFC 8415 section 12 gives bindings.
 *
 * <p>Entity id: {@code <subnet id>:<duid hex>:<na|ta|pd>:<iaid>}, e.g.
 * {@code 1:000100012a3b4c5d020000000001:na:1}. The same string names the lease in the slices'
 * records, so a slice can tell whose item it holds.
 */
public record IaKey(int subnetId, String duidHex, IaType type, long iaid) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{2,256}");

    public IaKey {
        duidHex = duidHex.toLowerCase();
        if (!HEX.matcher(duidHex).matches() || duidHex.length() % 2 != 0) {
            throw new IllegalArgumentException("a DUID is 1-128 octets of hex, not \"" + duidHex + "\"");
        }
        if (iaid < 0 || iaid > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("IAID " + iaid + " is not an unsigned 32-bit value");
        }
    }

    public static IaKey of(int subnetId, byte[] duid, IaType type, long iaid) {
        return new IaKey(subnetId, HexFormat.of().formatHex(duid), type, iaid);
    }

    public String entityId() {
        return subnetId + ":" + duidHex + ":" + type.label() + ":" + iaid;
    }

    public static IaKey parse(String entityId) {
        String[] p = entityId.split(":");
        if (p.length != 4) {
            throw new IllegalArgumentException("not a v6 lease entity id: " + entityId);
        }
        return new IaKey(Integer.parseInt(p[0]), p[1], IaType.fromLabel(p[2]), Long.parseLong(p[3]));
    }

    @Override
    public String toString() {
        return entityId();
    }
}
