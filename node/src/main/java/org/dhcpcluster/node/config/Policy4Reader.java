package org.dhcpcluster.node.config;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dhcpcluster.lease.v4.policy.AddressRange;
import org.dhcpcluster.lease.v4.policy.LeaseTimes;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v4.policy.Prefix4;
import org.dhcpcluster.lease.v4.policy.Reservation4;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.protocol.v4.DhcpV4Options;
import org.dhcpcluster.protocol.v4.Ipv4;

/**
 * Reads {@code dhcp.v4} into a {@link Policy4}, checking what a typo or a copy-paste slip
 * would otherwise turn into a wrong lease: overlapping subnets or pools, pools outside their
 * subnet, duplicate subnet ids (they are part of every stored lease's identity), duplicate
 * or foreign reservations, and inconsistent timers.
 */
final class Policy4Reader {
    static final String[] V4_KEYS = {"listen", "client-port", "service-address", "offer-hold", "decline-quarantine",
        "offer-hold-share-percent", "decline-limit-per-client", "decline-limit-window", "decline-quarantine-share-percent",
        "lease-time", "min-lease-time", "max-lease-time", "renewal-time", "rebinding-time", "authoritative", "options", "subnets"};
    private static final String[] SUBNET_KEYS = {"id", "subnet", "pools", "interface", "relay-addresses",
        "lease-time", "min-lease-time", "max-lease-time", "renewal-time", "rebinding-time", "authoritative",
        "next-server", "options", "reservations", "4o6-subnet", "4o6-interface", "4o6-interface-id"};
    private static final String[] RESERVATION_KEYS = {"hw-address", "client-id", "ip-address", "hostname", "options"};

    private Policy4Reader() {
    }

    static Policy4 read(Section v4) {
        Inet4Address service = address(v4, "service-address");
        Duration offerHold = v4.duration("offer-hold", Duration.ofSeconds(30));
        Duration quarantine = v4.duration("decline-quarantine", Duration.ofHours(24));
        if (offerHold.isZero()) {
            throw v4.error("offer-hold", "must be longer than zero (clients need time to send their REQUEST)");
        }
        DhcpV4Options globalOptions = OptionDataReader.read(v4.optionalSection("options"), DhcpV4Options.empty());
        List<Section> subnetSections = v4.sections("subnets");
        if (subnetSections.isEmpty()) {
            throw v4.error("subnets", "at least one subnet is required");
        }
        List<Subnet4> subnets = new ArrayList<>();
        Map<Integer, String> ids = new HashMap<>();
        for (Section s : subnetSections) {
            Subnet4 subnet = subnet(s, v4, globalOptions);
            String previous = ids.put(subnet.id(), s.path());
            if (previous != null) {
                throw s.error("id", subnet.id() + " is already the id of " + previous
                        + " (ids are part of every stored lease and must be unique)");
            }
            for (int i = 0; i < subnets.size(); i++) {
                Subnet4 other = subnets.get(i);
                if (other.prefix().asRange().overlaps(subnet.prefix().asRange())) {
                    throw s.error("subnet", subnet.prefix() + " overlaps " + other.prefix() + " of " + subnetSections.get(i).path());
                }
            }
            subnets.add(subnet);
        }
        return new Policy4(service, subnets, offerHold, quarantine, FloodLimitsReader.read(v4));
    }

    private static Subnet4 subnet(Section s, Section v4, DhcpV4Options globalOptions) {
        s.allowOnly(SUBNET_KEYS);
        int id = s.integer("id", 1, Integer.MAX_VALUE);
        Prefix4 prefix = s.parse("subnet", s.string("subnet"), Prefix4::parse);
        List<AddressRange> pools = new ArrayList<>();
        List<String> poolTexts = s.strings("pools");
        for (int i = 0; i < poolTexts.size(); i++) {
            String key = "pools[" + i + "]";
            AddressRange r = s.parse(key, poolTexts.get(i), Policy4Reader::range);
            if (!prefix.contains(r.first()) || !prefix.contains(r.last())) {
                throw s.error(key, r + " is not inside " + prefix);
            }
            for (AddressRange other : pools) {
                if (other.overlaps(r)) {
                    throw s.error(key, r + " overlaps pool " + other);
                }
            }
            pools.add(r);
        }
        LeaseTimes times = leaseTimes(s, v4);
        List<Integer> relays = new ArrayList<>();
        for (String relay : s.strings("relay-addresses")) {
            relays.add(Ipv4.toInt(s.parse("relay-addresses", relay, Ipv4::parse)));
        }
        DhcpV4Options options = OptionDataReader.read(s.optionalSection("options"), globalOptions);
        Map<String, Reservation4> byMac = new HashMap<>();
        Map<String, Reservation4> byId = new HashMap<>();
        Map<Integer, String> reservedAddresses = new HashMap<>();
        for (Section r : s.sections("reservations")) {
            Reservation4 res = reservation(r, prefix);
            String clash = reservedAddresses.put(res.address(), r.path());
            if (clash != null) {
                throw r.error("ip-address", Ipv4.format(res.address()) + " is already reserved by " + clash);
            }
            Map<String, Reservation4> index = res.hardwareAddress() != null ? byMac : byId;
            String identity = res.hardwareAddress() != null ? res.hardwareAddress() : res.clientId();
            if (index.put(identity, res) != null) {
                throw r.error(res.hardwareAddress() != null ? "hw-address" : "client-id", identity + " has two reservations");
            }
        }
        Inet4Address nextServer = s.has("next-server") ? address(s, "next-server") : Ipv4.ANY;
        return new Subnet4(id, prefix, pools, options, times, byMac, byId, relays, s.optionalString("interface"),
                s.bool("authoritative", v4.bool("authoritative", false)), nextServer);
    }

    private static LeaseTimes leaseTimes(Section s, Section v4) {
        long lease = seconds(s, v4, "lease-time", Duration.ofHours(1));
        long min = seconds(s, v4, "min-lease-time", Duration.ofSeconds(lease));
        long max = seconds(s, v4, "max-lease-time", Duration.ofSeconds(lease));
        long t1 = seconds(s, v4, "renewal-time", Duration.ofSeconds(lease / 2));
        long t2 = seconds(s, v4, "rebinding-time", Duration.ofSeconds(lease * 7 / 8));
        try {
            return new LeaseTimes(lease, min, max, t1, t2);
        } catch (IllegalArgumentException e) {
            throw s.error("lease-time", e.getMessage());
        }
    }

    /** A subnet's own value, else the v4-wide default, else the built-in default. */
    private static long seconds(Section s, Section v4, String name, Duration fallback) {
        return s.duration(name, v4.duration(name, fallback)).toSeconds();
    }

    private static Reservation4 reservation(Section r, Prefix4 prefix) {
        r.allowOnly(RESERVATION_KEYS);
        boolean byMac = r.has("hw-address");
        if (byMac == r.has("client-id")) {
            throw r.error("a reservation needs exactly one of hw-address and client-id");
        }
        Inet4Address address = address(r, "ip-address");
        if (!prefix.contains(Ipv4.toInt(address))) {
            throw r.error("ip-address", address.getHostAddress() + " is not inside " + prefix);
        }
        String mac = byMac ? r.parse("hw-address", r.string("hw-address"), Policy4Reader::hardwareAddress) : null;
        String clientId = byMac ? null : r.parse("client-id", r.string("client-id"), Policy4Reader::hex);
        return new Reservation4(mac, clientId, Ipv4.toInt(address), r.optionalString("hostname"),
                OptionDataReader.read(r.optionalSection("options"), DhcpV4Options.empty()));
    }

    private static Inet4Address address(Section s, String name) {
        return s.parse(name, s.string(name), Ipv4::parse);
    }

    /** "a.b.c.d - e.f.g.h" or "a.b.c.d/len". */
    static AddressRange range(String text) {
        if (text.contains("/")) {
            return Prefix4.parse(text).asRange();
        }
        String[] ends = text.split("-");
        if (ends.length != 2) {
            throw new IllegalArgumentException("is not a range: write \"first - last\" or \"network/length\"");
        }
        return new AddressRange(Ipv4.toInt(Ipv4.parse(ends[0])), Ipv4.toInt(Ipv4.parse(ends[1])));
    }

    /** "aa:bb:cc:dd:ee:ff" (also "-" separated, any case), normalised to lower case with colons. */
    static String hardwareAddress(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("[:-]");
        if (parts.length < 1 || parts.length > 16) {
            throw new IllegalArgumentException("is not a hardware address");
        }
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (!p.matches("[0-9a-f]{2}")) {
                throw new IllegalArgumentException("is not a hardware address (octets are two hex digits)");
            }
            sb.append(sb.length() == 0 ? "" : ":").append(p);
        }
        return sb.toString();
    }

    /** Hex with optional ':' separators, normalised to plain lower-case hex. */
    static String hex(String text) {
        String plain = text.trim().toLowerCase(Locale.ROOT).replace(":", "");
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(plain);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not hex (e.g. 01:02:00:00:00:00:01)");
        }
        if (bytes.length < 2) {
            throw new IllegalArgumentException("a client-id has a type octet and at least one more octet");
        }
        return plain;
    }
}
