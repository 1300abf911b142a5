package org.dhcpcluster.node.testing;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv6 prefix ("2001:db8:100::/56"): a link's prefix, a server's pool, or a prefix delegated
 * to a client. Tests use it to check that what a client got lies where the server should have
 * taken it from, and to write server configs from a topology's addresses.
 *
 * @param address as given (host bits may be set, e.g. "2001:db8:1::1/64" for an interface)
 * @param length  prefix length, 0..128
 */
public record Prefix6(Inet6Address address, int length) {

    public Prefix6 {
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("IPv6 prefix length out of range: " + length);
        }
    }

    /** Parses "address/length" (no DNS lookup). */
    public static Prefix6 parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an IPv6 prefix (no /length): " + cidr);
        }
        try {
            return new Prefix6(InterfaceAddresses.parse6(cidr.substring(0, slash)),
                    Integer.parseInt(cidr.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IPv6 prefix: " + cidr, e);
        }
    }

    /** The prefix with its host bits cleared, e.g. 2001:db8:1:: for 2001:db8:1::1/64. */
    public Prefix6 network() {
        byte[] b = address.getAddress();
        for (int bit = length; bit < 128; bit++) {
            b[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new Prefix6(toAddress(b), length);
    }

    /** True if {@code a} lies inside this prefix. */
    public boolean contains(Inet6Address a) {
        byte[] mine = address.getAddress();
        byte[] other = a.getAddress();
        for (int bit = 0; bit < length; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((mine[bit / 8] & mask) != (other[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** True if {@code p} is this prefix or a longer one inside it (a delegated prefix in a pool). */
    public boolean contains(Prefix6 p) {
        return p.length >= length && contains(p.address);
    }

    /**
     * The address {@code offset} above the network address, e.g. offset 0x1000 of
     * 2001:db8:1::/64 is 2001:db8:1::1000 (to place pools inside a link's prefix).
     */
    public Inet6Address plus(long offset) {
        byte[] b = network().address.getAddress();
        long carry = offset;
        for (int i = 15; i >= 0 && carry != 0; i--) {
            long sum = (b[i] & 0xff) + (carry & 0xff);
            b[i] = (byte) sum;
            carry = (carry >>> 8) + (sum >>> 8);
        }
        return toAddress(b);
    }

    private static Inet6Address toAddress(byte[] b) {
        try {
            return (Inet6Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // impossible for 16 bytes
        }
    }

    /** "2001:db8:100::/56" (RFC 5952 text of {@link #address()}). */
    @Override
    public String toString() {
        return InterfaceAddresses.format6(address) + "/" + length;
    }
}
