package org.dhcpcluster.node.testing;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the addresses configured on an interface inside a namespace, the way a human checks a
 * lease: {@code ip -n NS -4 -o addr show dev IF} (or {@code -6 ... scope global}). This is the
 * ground truth the client drivers wait on: an address appears only once the client's script has
 * configured its lease.
 */
public final class InterfaceAddresses {
    // one-line format: "2: eth0    inet 192.0.2.100/24 brd 192.0.2.255 scope global dynamic eth0\ ..."
    private static final Pattern INET = Pattern.compile("\\binet (\\d+\\.\\d+\\.\\d+\\.\\d+)/(\\d+)");
    // "2: eth0    inet6 2001:db8:1::10c8/128 scope global dynamic \       valid_lft ..."
    private static final Pattern INET6 = Pattern.compile("\\binet6 ([0-9a-fA-F:]+)/(\\d+) scope global\\b");

    private InterfaceAddresses() {
    }

    /** The IPv4 addresses on {@code dev} in {@code netns}; empty if the interface is gone. */
    public static List<Inet4Address> ipv4(String netns, String dev) {
        return parseIpv4(show(netns, dev));
    }

    /** The same as "address/prefix" strings, as {@code ip addr del} wants them. */
    public static List<String> ipv4Cidrs(String netns, String dev) {
        return parseIpv4Cidrs(show(netns, dev));
    }

    private static String show(String netns, String dev) {
        Cmd.Result r = Cmd.run(Tools.executable("ip"), "-n", netns, "-4", "-o", "addr", "show", "dev", dev);
        return r.ok() ? r.output() : "";
    }

    /**
     * The global-scope IPv6 addresses on {@code dev} in {@code netns} (what DHCPv6 clients
     * configure; link-local ones are left out); empty if the interface is gone.
     */
    public static List<Inet6Address> ipv6(String netns, String dev) {
        return parseIpv6(show6(netns, dev));
    }

    /** The same as "address/prefix" strings, as {@code ip -6 addr del} wants them. */
    public static List<String> ipv6Cidrs(String netns, String dev) {
        return parseIpv6Cidrs(show6(netns, dev));
    }

    private static String show6(String netns, String dev) {
        Cmd.Result r = Cmd.run(Tools.executable("ip"), "-n", netns, "-6", "-o", "addr", "show", "dev", dev, "scope", "global");
        return r.ok() ? r.output() : "";
    }

    /** Parses {@code ip -6 -o addr show} output, keeping global-scope addresses only. */
    static List<Inet6Address> parseIpv6(String ipOutput) {
        List<Inet6Address> result = new ArrayList<>();
        Matcher m = INET6.matcher(ipOutput);
        while (m.find()) {
            result.add(parse6(m.group(1)));
        }
        return result;
    }

    static List<String> parseIpv6Cidrs(String ipOutput) {
        List<String> result = new ArrayList<>();
        Matcher m = INET6.matcher(ipOutput);
        while (m.find()) {
            result.add(m.group(1) + "/" + m.group(2));
        }
        return result;
    }

    /** Parses {@code ip -4 -o addr show} output. */
    static List<Inet4Address> parseIpv4(String ipOutput) {
        List<Inet4Address> result = new ArrayList<>();
        Matcher m = INET.matcher(ipOutput);
        while (m.find()) {
            result.add(parse4(m.group(1)));
        }
        return result;
    }

    static List<String> parseIpv4Cidrs(String ipOutput) {
        List<String> result = new ArrayList<>();
        Matcher m = INET.matcher(ipOutput);
        while (m.find()) {
            result.add(m.group(1) + "/" + m.group(2));
        }
        return result;
    }

    /** Parses a dotted-quad literal without any DNS lookup. */
    public static Inet4Address parse4(String literal) {
        String[] parts = literal.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 literal: " + literal);
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = Integer.parseInt(parts[i]);
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("not an IPv4 literal: " + literal);
            }
            b[i] = (byte) v;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /**
     * Parses an IPv6 literal (no zone). A string with a colon is never resolved by
     * {@link InetAddress#getByName}, so no DNS lookup can happen.
     */
    public static Inet6Address parse6(String literal) {
        if (!literal.contains(":") || literal.contains("%") || !literal.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an IPv6 literal: " + literal);
        }
        try {
            InetAddress a = InetAddress.getByName(literal);
            if (a instanceof Inet6Address a6) {
                return a6;
            }
            // Java folds IPv4-mapped literals (::ffff:a.b.c.d) into IPv4; none are used here
            throw new IllegalArgumentException("not an IPv6 address: " + literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 literal: " + literal, e);
        }
    }

    /**
     * The RFC 5952 text form ("2001:db8:1::1"), as {@code ip}, Kea and the clients print it;
     * {@link Inet6Address#getHostAddress()} gives the uncompressed form instead.
     */
    public static String format6(Inet6Address address) {
        byte[] b = address.getAddress();
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // the longest run of two or more zero words (the first one on a tie) becomes "::"
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8;) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
            } else {
                if (i > 0 && i != bestStart + bestLength) {
                    sb.append(':');
                }
                sb.append(Integer.toHexString(words[i]));
            }
        }
        return sb.toString();
    }
}
