package org.dhcpcluster.node.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dhcpcluster.lease.v6.policy.Lifetimes6;
import org.dhcpcluster.lease.v6.policy.OptionData6;
import org.dhcpcluster.lease.v6.policy.Policy6;
import org.dhcpcluster.lease.v6.policy.Reservation6;
import org.dhcpcluster.lease.v6.policy.Subnet6;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.lease.v6.space.Pool6;

/**
 * Reads {@code dhcp.v6} into a {@link Policy6}, refusing what would otherwise become a wrong
 * lease: overlapping links or pools (an address pool inside a delegated prefix would hand the
 * same addresses to a host and to a router's downstream), pools outside their link, duplicate
 * subnet ids (part of every stored lease's identity), duplicate reservations and inconsistent
 * lifetimes.
 */
final class Policy6Reader {
    static final String[] V6_KEYS = {"listen", "client-port", "offer-hold", "decline-quarantine", "offer-hold-share-percent",
        "decline-limit-per-client", "decline-limit-window", "decline-quarantine-share-percent", "preferred-lifetime",
        "valid-lifetime", "renew-timer", "rebind-timer", "rapid-commit", "preference", "options", "subnets"};
    private static final String[] SUBNET_KEYS = {"id", "subnet", "interface", "relay-addresses", "interface-id", "pools",
        "pd-pools", "preferred-lifetime", "valid-lifetime", "renew-timer", "rebind-timer", "rapid-commit", "options",
        "reservations"};
    private static final String[] PD_POOL_KEYS = {"prefix", "delegated-length"};
    private static final String[] RESERVATION_KEYS = {"duid", "ip-address", "prefix", "hostname"};

    private Policy6Reader() {
    }

    static Policy6 read(Section v6) {
        Duration offerHold = v6.duration("offer-hold", Duration.ofSeconds(60));
        if (offerHold.isZero()) {
            throw v6.error("offer-hold", "must be longer than zero (clients need time to send their REQUEST)");
        }
        Duration quarantine = v6.duration("decline-quarantine", Duration.ofHours(24));
        List<OptionData6> global = OptionData6Reader.read(v6.optionalSection("options"), List.of());
        List<Section> sections = v6.sections("subnets");
        if (sections.isEmpty()) {
            throw v6.error("subnets", "at least one subnet is required");
        }
        List<Subnet6> subnets = new ArrayList<>();
        List<Pool6> everyPool = new ArrayList<>();
        List<String> everyPoolPath = new ArrayList<>();
        Map<Integer, String> ids = new HashMap<>();
        for (Section s : sections) {
            Subnet6 subnet = subnet(s, v6, global, everyPool, everyPoolPath);
            String previous = ids.put(subnet.id(), s.path());
            if (previous != null) {
                throw s.error("id", subnet.id() + " is already the id of " + previous
                        + " (ids are part of every stored lease and must be unique)");
            }
            for (int i = 0; i < subnets.size(); i++) {
                Subnet6 other = subnets.get(i);
                // Two prefixes overlap exactly when the shorter one contains the other.
                if (other.prefix().isIn(subnet.prefix(), Math.min(other.prefixLength(), subnet.prefixLength()))) {
                    throw s.error("subnet", subnet.prefixText() + " overlaps " + other.prefixText() + " of " + sections.get(i).path());
                }
            }
            subnets.add(subnet);
        }
        return new Policy6(subnets, offerHold, quarantine, FloodLimitsReader.read(v6));
    }

    private static Subnet6 subnet(Section s, Section v6, List<OptionData6> global, List<Pool6> everyPool, List<String> paths) {
        s.allowOnly(SUBNET_KEYS);
        int id = s.integer("id", 1, Integer.MAX_VALUE);
        String[] prefixText = s.parse("subnet", s.string("subnet"), Policy6Reader::prefixParts);
        Address128 prefix = s.parse("subnet", prefixText[0], Address128::parse);
        int length = s.parse("subnet", prefixText[1], Policy6Reader::prefixLength);
        List<Pool6> pools = new ArrayList<>();
        List<String> poolTexts = s.strings("pools");
        for (int i = 0; i < poolTexts.size(); i++) {
            String key = "pools[" + i + "]";
            Pool6 p = s.parse(key, poolTexts.get(i), Policy6Reader::addressPool);
            if (!p.first().isIn(prefix, length) || !p.last().isIn(prefix, length)) {
                throw s.error(key, p + " is not inside " + prefix.format() + "/" + length);
            }
            claim(s, key, p, everyPool, paths);
            pools.add(p);
        }
        List<Pool6> pdPools = new ArrayList<>();
        List<Section> pdSections = s.sections("pd-pools");
        for (int i = 0; i < pdSections.size(); i++) {
            Section pd = pdSections.get(i).allowOnly(PD_POOL_KEYS);
            String[] parts = pd.parse("prefix", pd.string("prefix"), Policy6Reader::prefixParts);
            Address128 pdPrefix = pd.parse("prefix", parts[0], Address128::parse);
            int pdLength = pd.parse("prefix", parts[1], Policy6Reader::prefixLength);
            int delegated = pd.integer("delegated-length", pdLength, 128);
            if (!pdPrefix.equals(pdPrefix.clearLow(128 - pdLength))) {
                throw pd.error("prefix", pdPrefix.format() + "/" + pdLength + " has bits set beyond its length");
            }
            if (!pdPools.isEmpty() && pdPools.get(0).length() != delegated) {
                throw pd.error("delegated-length", "a subnet delegates one prefix length; the first pd-pool uses /"
                        + pdPools.get(0).length());
            }
            Pool6 p = Pool6.delegating(pdPrefix, pdLength, delegated);
            claim(pd, "prefix", p, everyPool, paths);
            pdPools.add(p);
        }
        Lifetimes6 lifetimes = lifetimes(s, v6);
        List<Address128> relays = new ArrayList<>();
        for (String relay : s.strings("relay-addresses")) {
            relays.add(s.parse("relay-addresses", relay, Address128::parse));
        }
        List<String> interfaceIds = new ArrayList<>();
        s.optionalString("interface-id").ifPresent(text ->
                interfaceIds.add(HexFormat.of().formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        Map<String, Reservation6> reservations = new HashMap<>();
        for (Section r : s.sections("reservations")) {
            Reservation6 res = reservation(r, prefix, length, pdPools);
            if (reservations.put(res.duidHex(), res) != null) {
                throw r.error("duid", res.duidHex() + " has two reservations in this subnet");
            }
        }
        return new Subnet6(id, prefix, length, s.optionalString("interface"), relays, interfaceIds, pools, pdPools, lifetimes,
                s.bool("rapid-commit", v6.bool("rapid-commit", false)), OptionData6Reader.read(s.optionalSection("options"), global),
                reservations);
    }

    /** Refuses a pool that overlaps one read before, in any subnet. */
    private static void claim(Section s, String key, Pool6 p, List<Pool6> everyPool, List<String> paths) {
        for (int i = 0; i < everyPool.size(); i++) {
            if (everyPool.get(i).overlaps(p)) {
                throw s.error(key, p + " overlaps " + everyPool.get(i) + " of " + paths.get(i));
            }
        }
        everyPool.add(p);
        paths.add(s.key(key));
    }

    private static Lifetimes6 lifetimes(Section s, Section v6) {
        long preferred = seconds(s, v6, "preferred-lifetime", Duration.ofHours(1));
        long valid = seconds(s, v6, "valid-lifetime", Duration.ofSeconds(preferred * 2));
        long t1 = seconds(s, v6, "renew-timer", Duration.ofSeconds(preferred / 2));
        long t2 = seconds(s, v6, "rebind-timer", Duration.ofSeconds(preferred * 4 / 5));
        try {
            return new Lifetimes6(preferred, valid, t1, t2);
        } catch (IllegalArgumentException e) {
            throw s.error("preferred-lifetime", e.getMessage());
        }
    }

    private static long seconds(Section s, Section v6, String name, Duration fallback) {
        return s.duration(name, v6.duration(name, fallback)).toSeconds();
    }

    private static Reservation6 reservation(Section r, Address128 prefix, int length, List<Pool6> pdPools) {
        r.allowOnly(RESERVATION_KEYS);
        byte[] duidOctets = r.parse("duid", r.string("duid"), OptionData6Reader::hex);
        if (duidOctets.length > 128) {
            throw r.error("duid", "a DUID is at most 128 octets (RFC 8415 section 11.1)");
        }
        String duid = HexFormat.of().formatHex(duidOctets);
        if (!r.has("ip-address") && !r.has("prefix")) {
            throw r.error("a reservation needs ip-address, prefix or both");
        }
        Optional<Address128> address = r.optionalString("ip-address").map(t -> r.parse("ip-address", t, Address128::parse));
        if (address.isPresent() && !address.get().isIn(prefix, length)) {
            throw r.error("ip-address", address.get().format() + " is not inside " + prefix.format() + "/" + length);
        }
        Optional<Address128> reservedPrefix = Optional.empty();
        int reservedLength = 0;
        if (r.has("prefix")) {
            String[] parts = r.parse("prefix", r.string("prefix"), Policy6Reader::prefixParts);
            reservedPrefix = Optional.of(r.parse("prefix", parts[0], Address128::parse));
            reservedLength = r.parse("prefix", parts[1], Policy6Reader::prefixLength);
            if (pdPools.isEmpty() || pdPools.get(0).length() != reservedLength) {
                throw r.error("prefix", "must have the delegated length of this subnet's pd-pools");
            }
        }
        return new Reservation6(duid, address, reservedPrefix, reservedLength, r.optionalString("hostname"));
    }

    /** "first - last" or "prefix/length" (the whole prefix). */
    static Pool6 addressPool(String text) {
        if (text.contains("/")) {
            String[] parts = prefixParts(text);
            Address128 p = Address128.parse(parts[0]);
            int length = prefixLength(parts[1]);
            return Pool6.addresses(p.clearLow(128 - length), p.setLow(128 - length));
        }
        String[] ends = text.split("-");
        if (ends.length != 2) {
            throw new IllegalArgumentException("is not a range: write \"first - last\" or \"prefix/length\"");
        }
        return Pool6.addresses(Address128.parse(ends[0]), Address128.parse(ends[1]));
    }

    static String[] prefixParts(String text) {
        String[] parts = text.trim().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("is not a prefix: write \"2001:db8:1::/64\"");
        }
        return parts;
    }

    static int prefixLength(String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < 1 || n > 128) {
                throw new IllegalArgumentException("prefix length " + n + " is outside 1-128");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("prefix length \"" + text + "\" is not a number");
        }
    }
}
