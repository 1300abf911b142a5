package org.dhcpcluster.lease.v4.policy;

import org.dhcpcluster.protocol.v4.Ipv4;

/** An IPv4 network in CIDR form, e.g. 192.0.2.0/24. The network address has no host bits set. */
public record Prefix4(int network, int length) {

    public Prefix4 {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32, is " + length);
        }
        if ((network & ~mask(length)) != 0) {
            throw new IllegalArgumentException(Ipv4.format(network) + "/" + length + " has host bits set");
        }
    }

    /** Parses "a.b.c.d/len". */
    public static Prefix4 parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not in a.b.c.d/len form");
        }
        int len;
        try {
            len = Integer.parseInt(text.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has a prefix length that is not a number");
        }
        return new Prefix4(Ipv4.toInt(Ipv4.parse(text.substring(0, slash))), len);
    }

    public static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    public int mask() {
        return mask(length);
    }

    public int broadcast() {
        return network | ~mask();
    }

    public boolean contains(int address) {
        return (address & mask()) == network;
    }

    public AddressRange asRange() {
        return new AddressRange(network, broadcast());
    }

    @Override
    public String toString() {
        return Ipv4.format(network) + "/" + length;
    }
}
