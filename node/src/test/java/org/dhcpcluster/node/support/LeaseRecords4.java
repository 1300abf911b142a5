package org.dhcpcluster.node.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's own DHCPv4 records, as {@code GET /api/v4/leases} lists them (one entry per
 * address, read from the read model), and the checks every cluster test makes against them:
 * every ACKed lease recorded for the client it was ACKed to, no address ACKed to two clients,
 * and no address listed twice (a check of the listing and its paging). One entry per address
 * cannot show an address bound to two clients at once; the lease history's self-check
 * ({@link LeaseApiPages#overlaps}) can, and tests make it beside these.
 */
public final class LeaseRecords4 {
    private static final Pattern ENTRY = Pattern.compile(
            "\\{\"address\":\"([^\"]+)\",\"client\":\"([^\"]+)\",\"state\":\"([^\"]+)\"");

    /** One address's record. */
    public record Entry(String address, String client, String state) {
    }

    private final List<Entry> entries;

    private LeaseRecords4(List<Entry> entries) {
        this.entries = entries;
    }

    public static LeaseRecords4 parse(String json) {
        List<Entry> entries = new ArrayList<>();
        Matcher m = ENTRY.matcher(json);
        while (m.find()) {
            entries.add(new Entry(m.group(1), m.group(2), m.group(3)));
        }
        return new LeaseRecords4(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Addresses that appear in more than one entry: a listing or paging fault (must be none). */
    public List<String> addressesListedTwice() {
        Map<String, Integer> seen = new HashMap<>();
        entries.forEach(e -> seen.merge(e.address(), 1, Integer::sum));
        return seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * ACKed leases (MAC -> address) that the records do not show bound to that client: lost, or
     * given to someone else since. Returns one description per problem.
     */
    public List<String> missing(Map<String, String> ackedAddressByMac) {
        Map<String, Entry> byAddress = new HashMap<>();
        entries.forEach(e -> byAddress.put(e.address(), e));
        List<String> problems = new ArrayList<>();
        ackedAddressByMac.forEach((mac, address) -> {
            Entry e = byAddress.get(address);
            String key = "hw-1-" + mac.replace(":", "").toLowerCase(Locale.ROOT);
            if (e == null) {
                problems.add(address + " ACKed to " + mac + " has no record");
            } else if (!e.client().equals(key) || !e.state().equals("bound")) {
                problems.add(address + " ACKed to " + mac + " is recorded as " + e);
            }
        });
        return problems;
    }

    /** Addresses ACKed to more than one client (from the clients' side: must be none). */
    public static List<String> ackedToTwoClients(Map<String, String> ackedAddressByMac) {
        Map<String, String> owner = new HashMap<>();
        List<String> twice = new ArrayList<>();
        ackedAddressByMac.forEach((mac, address) -> {
            String other = owner.putIfAbsent(address, mac);
            if (other != null) {
                twice.add(address + " to " + other + " and " + mac);
            }
        });
        return twice;
    }

    /**
     * Everything wrong between a load run's ACKs and these records: addresses listed twice,
     * addresses ACKed to two clients, ACKed leases missing or held by another client. Empty when
     * nothing was lost and nothing bound twice.
     */
    public List<String> problemsWith(LoadLog4 load) {
        List<String> problems = new ArrayList<>();
        addressesListedTwice().forEach(a -> problems.add(a + " listed twice"));
        problems.addAll(ackedToTwoClients(load.addressByMac()));
        problems.addAll(missing(load.addressByMac()));
        return problems;
    }

    public long bound() {
        return entries.stream().filter(e -> e.state().equals("bound")).count();
    }
}
