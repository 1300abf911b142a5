package org.dhcpcluster.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Against lease files dhclient 4.4.3 wrote in runs against Kea (src/test/resources/testing/). */
class DhclientLeases6Test {

    private static String sample(String name) throws IOException {
        try (InputStream in = DhclientLeases6Test.class.getResourceAsStream("/testing/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /testing/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theLastLeaseBlockGivesTheAddressAndTheDelegatedPrefix() throws IOException {
        // two blocks: the first from the initial exchange, the second appended after a REBIND
        DhclientLeases6.Lease lease = DhclientLeases6.current(sample("dhclient6-address-and-prefix.leases"));

        assertEquals(List.of(InterfaceAddresses.parse6("2001:db8:1::10c9")), lease.addresses());
        assertEquals(List.of(Prefix6.parse("2001:db8:100::/56")), lease.prefixes());
        assertFalse(lease.released());
        assertEquals(lease.prefixes(), lease.heldPrefixes());
    }

    @Test
    void aReleasedLeaseIsRecognisedAndHoldsNothing() throws IOException {
        DhclientLeases6.Lease lease = DhclientLeases6.current(sample("dhclient6-address-released.leases"));

        assertTrue(lease.released());
        assertEquals(List.of(InterfaceAddresses.parse6("2001:db8:1::10c8")), lease.addresses());
        assertEquals(List.of(), lease.heldPrefixes());
    }

    @Test
    void aFileWithoutLeaseYieldsAnEmptyOne() {
        DhclientLeases6.Lease lease = DhclientLeases6.current("default-duid \"\\000\\001\";\n");
        assertEquals(List.of(), lease.addresses());
        assertEquals(List.of(), lease.prefixes());
    }

    @Test
    void agingMovesEveryIaStartSoThatT1HasJustPassedAndLeavesLifetimesAlone() throws IOException {
        String original = sample("dhclient6-address-and-prefix.leases");
        long now = 1_795_940_000L;

        String aged = DhclientLeases6.dueForRenewal(original, now);

        // renew is 1000 s in every IA: starts must be now - 1001
        Matcher ia = Pattern.compile("ia-(?:na|pd) [0-9a-f:]+ \\{\\s*starts (\\d+);").matcher(aged);
        int ias = 0;
        while (ia.find()) {
            assertEquals(now - 1001, Long.parseLong(ia.group(1)), ia.group());
            ias++;
        }
        assertEquals(4, ias, "two lease blocks with an IA_NA and an IA_PD each");
        // the address's and prefix's own starts (their lifetimes) are unchanged
        assertEquals(starts(original, "iaaddr"), starts(aged, "iaaddr"));
        assertEquals(starts(original, "iaprefix"), starts(aged, "iaprefix"));
        assertEquals(original.length(), aged.length(), "only digits of equal length were replaced");
        assertEquals(DhclientLeases6.current(original), DhclientLeases6.current(aged));
    }

    private static List<String> starts(String leaseFile, String entry) {
        return Pattern.compile(entry + " \\S+ \\{\\s*starts (\\d+);").matcher(leaseFile).results()
                .map(r -> r.group(1)).toList();
    }
}
