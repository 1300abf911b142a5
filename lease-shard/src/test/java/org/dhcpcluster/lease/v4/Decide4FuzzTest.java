package org.dhcpcluster.lease.v4;

import static org.dhcpcluster.lease.testing.TestPolicies.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dhcpcluster.lease.partition.Decision;
import org.dhcpcluster.lease.partition.Holder;
import org.dhcpcluster.lease.testing.DecisionReplay;
import org.dhcpcluster.lease.testing.TestPolicies;
import org.dhcpcluster.lease.v4.policy.AddressRange;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v4.policy.Reservation4;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Options;

/**
 * The DHCPv4 decide function ({@link Decide4} through {@link Rules4}) over one partition, fed a
 * fuzzed sequence of DISCOVER, REQUEST, RELEASE, DECLINE and INFORM from ten clients as the
 * edge ({@link Leases4}) would send them, with the clock jumping by fuzzed amounts. Six dynamic
 * addresses for seven clients without reservation, so pools run out; reservations inside and
 * outside the pool range, by hardware address and by client identifier.
 *
 * <p>After every step: no address bound to two clients or a client bound twice
 * ({@link DecisionReplay#checkInvariants}); every offer and ACK names an address of this block
 * that is in the pool and reserved for nobody, or the client's own reservation, and not bound
 * to or quarantined for another client; an ACK leaves the address bound to the client; a NAK,
 * and anything answering a DISCOVER, changes no binding.
 */
class Decide4FuzzTest {
    private static final Block4 BLOCK = new Block4(ip("192.0.2.0"));
    private static final int POOL_FIRST = ip("192.0.2.100");
    private static final int POOL_LAST = ip("192.0.2.107");
    private static final int CLIENTS = 10;
    /** Client 0: by hardware address, outside the pool range; 1: by hardware address, inside it; 9: by client id, inside it. */
    private static final Map<Integer, Integer> RESERVED = Map.of(0, ip("192.0.2.50"), 1, ip("192.0.2.103"), 9, ip("192.0.2.105"));
    private static final int[] TYPES = {DhcpMessageType.DISCOVER.code(), DhcpMessageType.REQUEST.code(),
        DhcpMessageType.RELEASE.code(), DhcpMessageType.DECLINE.code(), DhcpMessageType.INFORM.code()};
    private static final int MAX_STEPS = 64;
    /** Built once: a fuzzer runs the test hundreds of times a second. */
    private static final Policy4 AUTHORITATIVE = policy(true);
    private static final Policy4 NOT_AUTHORITATIVE = policy(false);

    @FuzzTest
    void noAddressIsEverGivenToTwoClients(FuzzedDataProvider data) {
        Policy4 policy = data.consumeBoolean() ? AUTHORITATIVE : NOT_AUTHORITATIVE;
        Subnet4 subnet = policy.subnet(TestPolicies.SUBNET_ID).orElseThrow();
        BitSet dynamic = policy.dynamicOffsets(BLOCK.base(), subnet);
        DecisionReplay partition = new DecisionReplay(new Rules4(() -> policy), BLOCK);
        DecisionReplay.BoundItemRule mayHold = DecisionReplay.BoundItemRule.anyOf(dynamic::get,
                (offset, holder) -> reservedOffset(holder) == offset);
        long now = 1_700_000_000_000L;
        for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
            now += data.pickValue(new long[] {0, 1_000, 30_000, 3_600_000, data.consumeLong(0, 10_000_000)});
            if (data.consumeInt(0, 31) == 0) {
                partition.restartFromSnapshot(now);
            }
            int client = data.consumeInt(0, CLIENTS - 1);
            Request4 r = request(data, client, subnet, now);
            Decision d = partition.step(r, now);
            checkAnswer(partition, r, d, dynamic, now);
            partition.checkInvariants(now, mayHold);
        }
    }

    private static void checkAnswer(DecisionReplay partition, Request4 r, Decision d, BitSet dynamic, long now) {
        Holder h = r.holder();
        if (d.answer() instanceof Answer4.Offer offer) {
            assertEquals(DhcpMessageType.DISCOVER.code(), r.type());
            int offset = grantable(offer.address(), offer.reserved(), h, dynamic);
            assertFalse(partition.boundToOther(offset, h, now), "offered an address bound to another client");
            assertFalse(partition.quarantined(offset, now), "offered a quarantined address");
            if (d.holdOffset() >= 0) {
                assertEquals(offset, partition.state().holds().offeredTo(h, now), "an offer holds its address for the client");
            } else {
                // beyond the offer-hold share an offer holds nothing (flood limits), but never names another's held address
                assertFalse(partition.state().holds().heldByOther(offset, h, now), "an unheld offer names an address held for another");
            }
            assertTrue(offer.leaseSeconds() > 0);
        } else if (d.answer() instanceof Answer4.Ack ack) {
            assertEquals(DhcpMessageType.REQUEST.code(), r.type());
            assertEquals(r.address(), ack.address(), "an ACK names the address requested");
            int offset = grantable(ack.address(), ack.reserved(), h, dynamic);
            assertTrue(partition.boundTo(offset, h, now), "an ACK leaves the address bound to the client");
            assertFalse(d.events().isEmpty(), "an ACK is journaled before it is sent");
        } else if (d.answer() instanceof Answer4.Nak) {
            assertEquals(List.of(), d.events(), "a NAK changes no binding");
        }
        if (r.type() == DhcpMessageType.DISCOVER.code()) {
            assertEquals(List.of(), d.events(), "offers are not journaled");
        }
    }

    /** The address's offset, after checking it is in this block and the client may be given it. */
    private static int grantable(int address, boolean reserved, Holder h, BitSet dynamic) {
        assertTrue(BLOCK.contains(address), "granted an address outside the partition");
        int offset = BLOCK.offsetOf(address);
        if (reserved) {
            assertEquals(reservedOffset(h), offset, "a reserved grant must be the client's own reservation");
        } else {
            assertTrue(dynamic.get(offset), () -> "granted " + offset + ", outside the pool or reserved for another client");
        }
        return offset;
    }

    /** A message of one client as {@link Leases4} would hand it to this partition. */
    private static Request4 request(FuzzedDataProvider data, int client, Subnet4 subnet, long now) {
        int type = data.pickValue(TYPES);
        Request4.Find find = Request4.Find.ANY;
        int address;
        if (type == DhcpMessageType.DISCOVER.code()) {
            if (RESERVED.containsKey(client) && data.consumeBoolean()) {
                find = Request4.Find.RESERVED;
                address = RESERVED.get(client);
            } else {
                int asked = data.consumeBoolean() ? 0 : BLOCK.addressAt(data.consumeInt(0, Block4.SIZE - 1));
                address = subnet.inPool(asked) ? asked : 0;
                find = address != 0 && data.consumeBoolean() ? Request4.Find.PREFERRED : Request4.Find.ANY;
            }
        } else {
            address = data.consumeBoolean() ? data.consumeInt(POOL_FIRST, POOL_LAST)
                    : BLOCK.addressAt(data.consumeInt(0, Block4.SIZE - 1));
        }
        long lease = data.consumeBoolean() ? -1 : data.consumeLong(0, 1_000_000);
        return new Request4(holder(client), data.consumeInt(), type, 0, now, find, address, data.consumeBoolean(), lease,
                mac(client), null, 0);
    }

    private static Holder holder(int client) {
        byte[] key = client == 9 ? ClientKey4.ofClientId(clientId(client)) : ClientKey4.ofHardware(1, mac(client));
        return new Holder(TestPolicies.SUBNET_ID, key);
    }

    private static int reservedOffset(Holder h) {
        for (Map.Entry<Integer, Integer> e : RESERVED.entrySet()) {
            if (holder(e.getKey()).equals(h)) {
                return BLOCK.offsetOf(e.getValue());
            }
        }
        return -1;
    }

    private static byte[] mac(int client) {
        return new byte[] {0x02, 0, 0, 0, 0, (byte) client};
    }

    private static byte[] clientId(int client) {
        return new byte[] {1, 0x02, 0, 0, 0, 0, (byte) client};
    }

    private static Policy4 policy(boolean authoritative) {
        Map<String, Reservation4> byMac = Map.of(
                "02:00:00:00:00:00", reservation("02:00:00:00:00:00", null, RESERVED.get(0)),
                "02:00:00:00:00:01", reservation("02:00:00:00:00:01", null, RESERVED.get(1)));
        String id9 = HexFormat.of().formatHex(clientId(9));
        Map<String, Reservation4> byClientId = Map.of(id9, reservation(null, id9, RESERVED.get(9)));
        return TestPolicies.policy(TestPolicies.subnet(TestPolicies.SUBNET_ID, "192.0.2.0/24",
                List.of(new AddressRange(POOL_FIRST, POOL_LAST)), byMac, byClientId, authoritative));
    }

    private static Reservation4 reservation(String mac, String clientId, int address) {
        return new Reservation4(mac, clientId, address, Optional.empty(), DhcpV4Options.empty());
    }
}
