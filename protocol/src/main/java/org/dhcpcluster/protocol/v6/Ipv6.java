package org.dhcpcluster.protocol.v6;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv6 addresses as the wire carries them (16 octets) and as operators write them. */
public final class Ipv6 {
    public static final int LENGTH = 16;
    /** "::", the value a relay puts in link-address when it has no global address (RFC 8415 section 19.1.1). */
    public static final Inet6Address UNSPECIFIED = fromBytes(new byte[LENGTH]);

    private Ipv6() {
    }

    /**
     * Always an {@link Inet6Address}, even for IPv4-mapped addresses, for which
     * {@link InetAddress#getByAddress(byte[])} would return an {@link Inet4Address}.
     */
    public static Inet6Address fromBytes(byte[] sixteen) {
        if (sixteen.length != LENGTH) {
            throw new IllegalArgumentException("an IPv6 address is 16 octets, got " + sixteen.length);
        }
        try {
            return Inet6Address.getByAddress(null, sixteen, -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IPv6 address is 16 octets, got " + sixteen.length);
        }
    }

    /** Reads an address from 16 octets at offset (network order). */
    public static Inet6Address fromBytes(byte[] bytes, int offset) {
        byte[] b = new byte[LENGTH];
        System.arraycopy(bytes, offset, b, 0, LENGTH);
        return fromBytes(b);
    }

    /**
     * Parses RFC 4291 section 2.2 text ("2001:db8::1", "::ffff:192.0.2.1"). Never consults
     * DNS, unlike {@link InetAddress#getByName}: text that is not a literal is refused before
     * the JDK could take it for a host name. Zone indexes ("%eth0") are refused too: DHCPv6
     * carries none.
     *
     * @throws IllegalArgumentException naming the text when it is not an IPv6 address
     */
    public static Inet6Address parse(String text) {
        String t = text.trim();
        if (t.indexOf(':') < 0 || !t.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("not an IPv6 address: '" + text + "'");
        }
        try {
            InetAddress a = InetAddress.getByName(t);
            if (a instanceof Inet4Address v4) {
                byte[] mapped = new byte[LENGTH];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(v4.getAddress(), 0, mapped, 12, 4);
                return fromBytes(mapped);
            }
            return fromBytes(a.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 address: '" + text + "'");
        }
    }

    /**
     * RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups
     * (the first of equal runs) written "::". {@link InetAddress#getHostAddress} writes every
     * group instead, which matches neither Kea's logs nor tcpdump.
     */
    public static String format(Inet6Address address) {
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = BigEndian.u16(b, 2 * i);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
