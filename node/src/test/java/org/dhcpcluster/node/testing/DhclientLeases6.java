package org.dhcpcluster.node.testing;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and ages ISC dhclient's DHCPv6 lease file ({@code -lf}). dhclient appends a
 * {@code lease6 { ... }} block per binding change, so the last block is the current lease; in it,
 * each {@code ia-na}/{@code ia-pd} block holds its {@code iaaddr} / {@code iaprefix} entries:
 *
 * <pre>
 * lease6 {
 *   interface "dct1a2bc0";
 *   ia-pd cd:2e:5b:64 {
 *     starts 1795934890;
 *     renew 1000;
 *     rebind 2000;
 *     iaprefix 2001:db8:100::/56 {
 *       starts 1795934890; preferred-life 3000; max-life 4000;
 * ...
 * </pre>
 */
public final class DhclientLeases6 {
    private static final Pattern IAADDR = Pattern.compile("\\biaaddr ([0-9a-fA-F:]+) \\{");
    private static final Pattern RELEASED = Pattern.compile("(?m)^\\s*released;");
    private static final Pattern IAPREFIX = Pattern.compile("\\biaprefix ([0-9a-fA-F:]+/\\d+) \\{");
    // an IA's own timers: its "starts" (epoch seconds) and "renew" (T1, seconds after starts)
    private static final Pattern IA_TIMES = Pattern.compile(
            "(\\bia-(?:na|ta|pd) [0-9a-fA-F:]+ \\{\\s*starts )(\\d+)(;\\s*renew )(\\d+);");

    /**
     * The addresses and delegated prefixes of the current (last) lease; {@code released} when
     * dhclient -r recorded that it gave them back (it appends the lease once more, marked
     * {@code released;}).
     */
    public record Lease(List<Inet6Address> addresses, List<Prefix6> prefixes, boolean released) {
        public Lease {
            addresses = List.copyOf(addresses);
            prefixes = List.copyOf(prefixes);
        }

        /** The delegated prefixes the client still holds (none once released). */
        public List<Prefix6> heldPrefixes() {
            return released ? List.of() : prefixes;
        }
    }

    private DhclientLeases6() {
    }

    /** The last {@code lease6} block of a lease file; an empty lease if there is none yet. */
    public static Lease current(String leaseFile) {
        int last = leaseFile.lastIndexOf("lease6 {");
        if (last < 0) {
            return new Lease(List.of(), List.of(), false);
        }
        String block = leaseFile.substring(last);
        List<Inet6Address> addresses = new ArrayList<>();
        Matcher a = IAADDR.matcher(block);
        while (a.find()) {
            addresses.add(InterfaceAddresses.parse6(a.group(1)));
        }
        List<Prefix6> prefixes = new ArrayList<>();
        Matcher p = IAPREFIX.matcher(block);
        while (p.find()) {
            prefixes.add(Prefix6.parse(p.group(1)));
        }
        return new Lease(addresses, prefixes, RELEASED.matcher(block).find());
    }

    /**
     * Moves every IA's {@code starts} back so that its T1 ({@code renew}) lies one second before
     * {@code nowEpochSeconds}, as if that much time had passed: a dhclient started on the result
     * finds its lease due for renewal. Address and prefix lifetimes (their own {@code starts})
     * are left alone, so nothing is about to expire.
     */
    public static String dueForRenewal(String leaseFile, long nowEpochSeconds) {
        Matcher m = IA_TIMES.matcher(leaseFile);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            long t1 = Long.parseLong(m.group(4));
            String aged = m.group(1) + (nowEpochSeconds - t1 - 1) + m.group(3) + m.group(4) + ";";
            m.appendReplacement(sb, Matcher.quoteReplacement(aged));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
