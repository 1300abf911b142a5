package org.dhcpcluster.lease.v6;

import static org.dhcpcluster.lease.testing.TestPolicies6.a;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dhcpcluster.lease.partition.Decision;
import org.dhcpcluster.lease.partition.Holder;
import org.dhcpcluster.lease.partition.PartitionEvent;
import org.dhcpcluster.lease.testing.DecisionReplay;
import org.dhcpcluster.lease.testing.TestPolicies6;
import org.dhcpcluster.lease.v6.policy.Lifetimes6;
import org.dhcpcluster.lease.v6.policy.Policy6;
import org.dhcpcluster.lease.v6.policy.Reservation6;
import org.dhcpcluster.lease.v6.policy.Subnet6;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.lease.v6.space.Pool6;
import org.dhcpcluster.lease.v6.space.SliceKey;

/**
 * The DHCPv6 decide function ({@link Decide6} through {@link Rules6}) over an address slice and
 * a prefix slice, fed a fuzzed sequence of SOLICIT (with and without Rapid Commit), REQUEST,
 * RENEW, REBIND, RELEASE and DECLINE for IA_NA, IA_TA and IA_PD of eight clients (two IAIDs
 * each), listing fuzzed addresses and prefixes, with the clock jumping by fuzzed amounts.
 * Sixteen addresses and sixteen /56 prefixes, so pools run out; one client has an address and
 * a prefix reserved inside the pools' ranges, another an address outside them.
 *
 * <p>After every step, in both slices: no item bound to two IAs or an IA bound twice
 * ({@link DecisionReplay#checkInvariants}); every item granted with non-zero lifetimes is in
 * the slice, in a pool and reserved for nobody or the IA's own reservation, and not bound to
 * or quarantined for another IA; a committed grant leaves it bound to the IA, an advertised one
 * bound or held for it (or, beyond the offer-hold share, held for no one else); a refusal or a
 * pass to another partition changes no binding, a DECLINE over its limits only quarantines or
 * releases.
 */
class Decide6FuzzTest {
    private static final SliceKey ADDRESSES = SliceKey.of(a("2001:db8:1::1000"), 128);
    private static final SliceKey PREFIXES = SliceKey.of(a("2001:db8:100::"), 56);
    private static final Pool6 ADDRESS_POOL = Pool6.addresses(a("2001:db8:1::1000"), a("2001:db8:1::100f"));
    private static final Pool6 PREFIX_POOL = Pool6.delegating(a("2001:db8:100::"), 52, 56);
    private static final int CLIENTS = 8;
    /** Client 0: an address and a /56 reserved inside the pools' ranges; client 1: an address outside them. */
    private static final Address128 RESERVED_ADDRESS_0 = a("2001:db8:1::1005");
    private static final Address128 RESERVED_PREFIX_0 = a("2001:db8:100:300::");
    private static final Address128 RESERVED_ADDRESS_1 = a("2001:db8:1::99");
    private static final Kind6[] KINDS = Kind6.values();
    private static final IaType[] IA_TYPES = IaType.values();
    private static final int MAX_STEPS = 64;

    private static final Policy6 POLICY = policy();
    private static final Subnet6 SUBNET = POLICY.subnets().get(0);

    @FuzzTest
    void noAddressOrPrefixIsEverGivenToTwoClients(FuzzedDataProvider data) {
        Rules6 rules = new Rules6(() -> POLICY);
        DecisionReplay addresses = new DecisionReplay(rules, ADDRESSES);
        DecisionReplay prefixes = new DecisionReplay(rules, PREFIXES);
        BitSet dynamicAddresses = POLICY.dynamicOffsets(ADDRESSES, SUBNET);
        BitSet dynamicPrefixes = POLICY.dynamicOffsets(PREFIXES, SUBNET);
        long now = 1_700_000_000_000L;
        for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
            now += data.pickValue(new long[] {0, 1_000, 60_000, 2_000_000, data.consumeLong(0, 5_000_000)});
            if (data.consumeInt(0, 31) == 0) {
                addresses.restartFromSnapshot(now);
                prefixes.restartFromSnapshot(now);
            }
            int client = data.consumeInt(0, CLIENTS - 1);
            IaType type = data.pickValue(IA_TYPES);
            Holder holder = new Holder(TestPolicies6.SUBNET_ID, IaKey.of(duid(client), type, data.consumeInt(0, 1)));
            boolean pd = type.delegatesPrefixes();
            SliceKey slice = pd ? PREFIXES : ADDRESSES;
            DecisionReplay partition = pd ? prefixes : addresses;
            BitSet dynamic = pd ? dynamicPrefixes : dynamicAddresses;
            Request6 r = request(data, holder, client, slice, now);
            Decision d = partition.step(r, now);
            checkAnswer(partition, slice, dynamic, client, r, d, now);
            addresses.checkInvariants(now, (offset, h) -> dynamicAddresses.get(offset) || reservedOffset(h, ADDRESSES) == offset);
            prefixes.checkInvariants(now, (offset, h) -> dynamicPrefixes.get(offset) || reservedOffset(h, PREFIXES) == offset);
        }
    }

    private static void checkAnswer(DecisionReplay partition, SliceKey slice, BitSet dynamic, int client, Request6 r, Decision d,
                                    long now) {
        Holder h = r.holder();
        if (d.answer() instanceof Answer6.DeclineRefused) {
            // over a DECLINE limit: what it declined is quarantined up to the limit, the rest released
            assertEquals(Kind6.DECLINE, r.kind());
            assertTrue(d.events().stream().allMatch(e -> e instanceof PartitionEvent.Declined || e instanceof PartitionEvent.Released),
                    () -> "a refused DECLINE only quarantines or releases: " + d.events());
            return;
        }
        if (!(d.answer() instanceof Answer6.IaResult result)) {
            assertEquals(List.of(), d.events(), "a pass to another partition changes no binding");
            return;
        }
        boolean commit = r.kind() == Kind6.REQUEST || (r.kind() == Kind6.SOLICIT && r.commit())
                || r.kind() == Kind6.RENEW || r.kind() == Kind6.REBIND;
        for (Answer6.Granted6 g : result.items()) {
            if (g.validLifetime() == 0) {
                continue;   // "stop using it": withdrawn or never this IA's
            }
            assertEquals(slice.length(), g.length());
            assertTrue(slice.contains(g.item()), () -> "granted an item outside the partition: " + g);
            int offset = slice.offsetOf(g.item());
            assertTrue(dynamic.get(offset) || reservedOffset(h, slice) == offset,
                    () -> "granted " + g.item().format() + ", outside the pool or reserved for another client");
            assertFalse(partition.boundToOther(offset, h, now), "granted an item bound to another IA");
            assertFalse(partition.quarantined(offset, now), "granted a quarantined item");
            assertTrue(g.preferredLifetime() <= g.validLifetime());
            if (commit) {
                assertTrue(partition.boundTo(offset, h, now), "a committed grant leaves the item bound to the IA");
            } else {
                // beyond the offer-hold share an ADVERTISE holds nothing (flood limits), but never names another's held item
                assertTrue(partition.boundTo(offset, h, now) || partition.state().holds().offeredTo(h, now) == offset
                                || !partition.state().holds().heldByOther(offset, h, now),
                        "an advertised item is the IA's binding, held for it, or held for no one else");
            }
        }
        if (result.status() != Status6.SUCCESS && r.kind() != Kind6.SOLICIT && r.kind() != Kind6.REQUEST) {
            assertEquals(List.of(), d.events(), "a refused RENEW, REBIND, RELEASE or DECLINE changes no binding");
        }
        if (r.kind() == Kind6.SOLICIT && !r.commit()) {
            assertEquals(List.of(), d.events(), "an advertisement is not journaled");
        }
    }

    /** One IA of a client message as {@link Leases6} would hand it to this partition. */
    private static Request6 request(FuzzedDataProvider data, Holder holder, int client, SliceKey slice, long now) {
        Kind6 kind = data.pickValue(KINDS);
        Request6.Find find = data.consumeBoolean() ? Request6.Find.ANY : Request6.Find.PREFERRED;
        if ((kind == Kind6.SOLICIT || kind == Kind6.REQUEST) && reservedOffset(holder, slice) >= 0 && data.consumeBoolean()) {
            find = Request6.Find.RESERVED;
        }
        List<Hint6> hints = new ArrayList<>();
        int n = data.consumeInt(0, 3);
        for (int i = 0; i < n; i++) {
            int offset = data.consumeBoolean() ? data.consumeInt(0, 31) : data.consumeInt(0, slice.size() - 1);
            hints.add(new Hint6(slice.itemAt(offset), slice.length()));
        }
        return new Request6(holder, data.consumeInt(), kind.ordinal() + 1, 0, now, kind, find, hints, data.consumeBoolean(),
                client % 2 == 0 ? null : "2001:db8:1::1");
    }

    /** The offset in {@code slice} of the item reserved for the holder's DUID, or -1. */
    private static int reservedOffset(Holder h, SliceKey slice) {
        Optional<Reservation6> r = SUBNET.reservationFor(HexFormat.of().formatHex(IaKey.duid(h.key())));
        boolean pd = IaKey.type(h.key()).delegatesPrefixes();
        if (r.isEmpty() || pd != (slice.length() != 128)) {
            return -1;
        }
        Optional<Address128> item = pd ? r.get().prefix().filter(p -> r.get().prefixLength() == slice.length()) : r.get().address();
        return item.filter(slice::contains).map(slice::offsetOf).orElse(-1);
    }

    private static byte[] duid(int client) {
        return new byte[] {0, 3, 0, 1, 2, 0, 0, 0, 0, (byte) client};
    }

    private static Policy6 policy() {
        String duid0 = HexFormat.of().formatHex(duid(0));
        String duid1 = HexFormat.of().formatHex(duid(1));
        Map<String, Reservation6> reservations = Map.of(
                duid0, new Reservation6(duid0, Optional.of(RESERVED_ADDRESS_0), Optional.of(RESERVED_PREFIX_0), 56, Optional.empty()),
                duid1, new Reservation6(duid1, Optional.of(RESERVED_ADDRESS_1), Optional.empty(), 0, Optional.empty()));
        Subnet6 lan = new Subnet6(TestPolicies6.SUBNET_ID, a("2001:db8:1::"), 64, Optional.empty(), List.of(), List.of(),
                List.of(ADDRESS_POOL), List.of(PREFIX_POOL), new Lifetimes6(3000, 4000, 1000, 2000), true, List.of(), reservations);
        return new Policy6(List.of(lan), Duration.ofSeconds(60), Duration.ofHours(1));
    }
}
