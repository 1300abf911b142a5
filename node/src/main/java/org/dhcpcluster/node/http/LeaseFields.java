package org.dhcpcluster.node.http;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.protocol.v4.Ipv4;

/**
 * Parsers for the values the lease API filters on, each returning the form the read model
 * stores (so a MAC written with dashes or in upper case still matches), or throwing
 * IllegalArgumentException saying what is wrong.
 */
final class LeaseFields {
    static final Set<String> STATES = Set.of("bound", "expired", "released", "declined");

    private LeaseFields() {
    }

    static String ipv4(String text) {
        return Ipv4.format(Ipv4.toInt(Ipv4.parse(text)));
    }

    /** An IPv6 address, or a delegated prefix written prefix/length. */
    static String ipv6(String text) {
        int slash = text.indexOf('/');
        Address128 address = Address128.parse(slash < 0 ? text : text.substring(0, slash));
        if (slash < 0) {
            return address.format();
        }
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the prefix length is not a number");
        }
        if (length < 1 || length > 128) {
            throw new IllegalArgumentException("prefix length " + length + " is outside 1..128");
        }
        return address.format() + "/" + length;
    }

    /** A hardware address, octets separated by ':' or '-' or not at all: as lower-case colon hex. */
    static String hardwareAddress(String text) {
        String hex = text.replace(":", "").replace("-", "");
        byte[] octets = hexOctets(hex, "a hardware address");
        if (octets.length > 16) {
            throw new IllegalArgumentException("a hardware address has at most 16 octets (chaddr)");
        }
        return HexFormat.ofDelimiter(":").formatHex(octets);
    }

    /** Hex octets, separators ':' allowed: as lower-case hex without separators (client-id, DUID). */
    static String hex(String text) {
        return HexFormat.of().formatHex(hexOctets(text.replace(":", ""), "hex octets"));
    }

    private static byte[] hexOctets(String hex, String what) {
        if (hex.isEmpty() || hex.length() % 2 != 0) {
            throw new IllegalArgumentException("not " + what + ": needs an even number of hex digits");
        }
        try {
            return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not " + what + ": only hex digits 0-9 a-f (and separators)");
        }
    }

    static String state(String text) {
        if (!STATES.contains(text)) {
            throw new IllegalArgumentException("not a state: bound, expired, released or declined");
        }
        return text;
    }

    static String hostname(String text) {
        if (text.length() > 255) {
            throw new IllegalArgumentException("longer than a host name can be (255)");
        }
        return text;
    }

    /**
     * A time as ISO-8601 with an offset: 2026-11-29T10:15:00Z, 2026-11-29T11:15:00+01:00. A '+'
     * left unencoded in a URL arrives as a space; it can only have meant '+'.
     */
    static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text.replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 time with offset, like 2026-11-29T10:15:00Z");
        }
    }
}
