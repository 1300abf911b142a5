package org.dhcpcluster.protocol.v4;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Conversions between IPv4 addresses and the unsigned 32-bit integers the lease domain counts with. */
public final class Ipv4 {
    public static final Inet4Address ANY = fromInt(0);
    public static final Inet4Address BROADCAST = fromInt(0xFFFFFFFF);

    private Ipv4() {
    }

    public static int toInt(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    public static Inet4Address fromInt(int value) {
        return fromBytes(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    public static Inet4Address fromBytes(byte[] fourBytes) {
        // Checked here: InetAddress.getByAddress would return an Inet6Address for 16 bytes
        // and the cast would fail with a ClassCastException instead of this message.
        if (fourBytes.length != 4) {
            throw new IllegalArgumentException("an IPv4 address is 4 bytes, got " + fourBytes.length);
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(fourBytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IPv4 address is 4 bytes, got " + fourBytes.length);
        }
    }

    /** Reads an address from four bytes at offset, as the wire carries it (network order). */
    public static Inet4Address fromBytes(byte[] bytes, int offset) {
        byte[] four = new byte[4];
        System.arraycopy(bytes, offset, four, 0, 4);
        return fromBytes(four);
    }

    /**
     * Parses dotted-quad text strictly: four decimal octets, nothing else. Never consults DNS,
     * unlike {@link InetAddress#getByName}.
     *
     * @throws IllegalArgumentException naming the text when it is not an IPv4 address
     */
    public static Inet4Address parse(String text) {
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            // ASCII digits only: Character.isDigit would let "١.٢.٣.٤" (Arabic-Indic digits) through.
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "' (octet " + v + " > 255)");
            }
            b[i] = (byte) v;
        }
        return fromBytes(b);
    }

    public static String format(int value) {
        return (value >>> 24) + "." + ((value >>> 16) & 0xFF) + "." + ((value >>> 8) & 0xFF) + "." + (value & 0xFF);
    }

    public static boolean isUnspecified(Inet4Address address) {
        return toInt(address) == 0;
    }
}
