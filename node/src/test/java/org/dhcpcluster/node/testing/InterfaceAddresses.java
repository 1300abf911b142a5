package org.dhcpcluster.node.testing;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the IPv4 addresses configured on an interface inside a namespace, the way a human checks
 * a lease: {@code ip -n NS -4 -o addr show dev IF}. This is the ground truth the client drivers
 * wait on: an address appears only once the client's script has configured its lease.
 */
public final class InterfaceAddresses {
    // one-line format: "2: eth0    inet 192.0.2.100/24 brd 192.0.2.255 scope global dynamic eth0\ ..."
    private static final Pattern INET = Pattern.compile("\\binet (\\d+\\.\\d+\\.\\d+\\.\\d+)/(\\d+)");

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
}
