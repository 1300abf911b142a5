package org.dhcpcluster.lease.v6;

import static org.dhcpcluster.lease.testing.TestPolicies6.a;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dhcpcluster.lease.partition.Decision;
import org.dhcpcluster.lease.partition.DeclineLimits;
import org.dhcpcluster.lease.partition.Holder;
import org.dhcpcluster.lease.partition.PartitionEvent;
import org.dhcpcluster.lease.testing.DecidingPartition;
import org.dhcpcluster.lease.testing.TestPolicies6;
import org.dhcpcluster.lease.v6.Answer6.Granted6;
import org.dhcpcluster.lease.v6.policy.Policy6;
import org.dhcpcluster.lease.v6.space.SliceKey;
import org.junit.jupiter.api.Test;

/**
 * Flood resistance of the DHCPv6 decisions (issue 12), on the pure rules without actors: the
 * same core as DHCPv4, for ADVERTISE holds and DECLINEs of IA addresses. Pool: 40 addresses
 * from 2001:db8:1::1000, one partition; defaults: 50 % for advertisements, 3 DECLINEs per IA
 * per hour, 10 % quarantined.
 */
class FloodResistance6Test {
    private static final int POOL = 40;
    private static final long NOW = 1_800_000_000_000L;
    private static final SliceKey SLICE = SliceKey.of(a("2001:db8:1::1000"), 128);

    private final Policy6 policy = TestPolicies6.tiny(POOL);
    private final DecidingPartition partition = new DecidingPartition(new Rules6(() -> policy), SLICE);
    private int xid = 1;

    private static Holder ia(int n) {
        byte[] duid = {0, 3, 0, 1, 2, 0x66, 0, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        return new Holder(TestPolicies6.SUBNET_ID, IaKey.of(duid, IaType.NA, 1));
    }

    private Decision decide(Holder h, Kind6 kind, long now, Hint6... hints) {
        int type = kind == Kind6.SOLICIT ? 1 : kind == Kind6.REQUEST ? 3 : 9;
        return partition.decide(new Request6(h, xid++, type, 0, now, kind, Request6.Find.ANY, List.of(hints), false, null), now);
    }

    private static Granted6 only(Decision d) {
        var result = assertInstanceOf(Answer6.IaResult.class, d.answer());
        assertEquals(Status6.SUCCESS, result.status(), result.message());
        return result.items().get(0);
    }

    private Granted6 bound(Holder h, long now) {
        Granted6 advertised = only(decide(h, Kind6.SOLICIT, now));
        Granted6 bound = only(decide(h, Kind6.REQUEST, now, new Hint6(advertised.item(), 128)));
        assertEquals(advertised.item(), bound.item());
        return bound;
    }

    private int quarantined(long now) {
        int n = 0;
        for (int o = 0; o < SLICE.size(); o++) {
            n += partition.state().quarantined(o, now) ? 1 : 0;
        }
        return n;
    }

    @Test
    void aSolicitFloodFromFourTimesThePoolLeavesARealClientAnAdvertiseAndABinding() {
        for (int i = 0; i < POOL * 4; i++) {
            only(decide(ia(1000 + i), Kind6.SOLICIT, NOW));
        }
        assertEquals(POOL / 2, partition.state().holds().live(NOW), "advertisements hold half the free addresses, no more");
        Decision beyond = decide(ia(1), Kind6.SOLICIT, NOW + 5);
        assertEquals(-1, beyond.holdOffset(), "advertised without a hold");
        Granted6 advertised = only(beyond);
        Decision request = decide(ia(1), Kind6.REQUEST, NOW + 10, new Hint6(advertised.item(), 128));
        assertEquals(advertised.item(), only(request).item());
        assertInstanceOf(PartitionEvent.Bound.class, request.events().get(0));
    }

    @Test
    void iasAdvertisedTogetherBeyondTheShareAreAdvertisedDifferentItems() {
        for (int i = 0; i < POOL; i++) {
            bound(ia(i), NOW);
        }
        // Every lease has ended: the pool is free again, nothing in it never-used.
        long later = NOW + Duration.ofDays(30).toMillis();
        for (int i = 0; i < POOL / 2; i++) {
            only(decide(ia(1000 + i), Kind6.SOLICIT, later));
        }
        Map<Holder, Granted6> advertised = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            Decision d = decide(ia(2000 + i), Kind6.SOLICIT, later);
            assertEquals(-1, d.holdOffset(), "beyond the share");
            advertised.put(ia(2000 + i), only(d));
        }
        assertEquals(10, advertised.values().stream().map(Granted6::item).distinct().count(), "ten IAs, ten different addresses");
        advertised.forEach((h, g) -> assertEquals(g.item(), only(decide(h, Kind6.REQUEST, later + 1, new Hint6(g.item(), 128))).item(),
                "each REQUEST binds the address advertised"));
    }

    @Test
    void aSingleDeclineIsHonouredAsBefore() {
        Granted6 g = bound(ia(1), NOW);
        Decision d = decide(ia(1), Kind6.DECLINE, NOW + 1, new Hint6(g.item(), 128));
        assertEquals("declined", assertInstanceOf(Answer6.IaResult.class, d.answer()).message());
        assertInstanceOf(PartitionEvent.Declined.class, d.events().get(0));
        assertTrue(partition.state().quarantined(SLICE.offsetOf(g.item()), NOW + 2));
    }

    @Test
    void anIaDecliningAgainAndAgainQuarantinesAtMostItsLimit() {
        Holder h = ia(1);
        for (int i = 0; i < 5; i++) {
            Granted6 g = bound(h, NOW + i);
            Decision d = decide(h, Kind6.DECLINE, NOW + i, new Hint6(g.item(), 128));
            if (i < 3) {
                assertEquals(Status6.SUCCESS, assertInstanceOf(Answer6.IaResult.class, d.answer()).status());
                assertInstanceOf(PartitionEvent.Declined.class, d.events().get(0));
            } else {
                var refused = assertInstanceOf(Answer6.DeclineRefused.class, d.answer());
                assertEquals(DeclineLimits.Refusal.CLIENT_LIMIT, refused.reason());
                assertEquals(new PartitionEvent.Released(SLICE.offsetOf(g.item()), NOW + i), d.events().get(0));
            }
        }
        assertEquals(3, quarantined(NOW + 10));
    }

    @Test
    void manyIasDecliningQuarantineAtMostTheShare() {
        int refused = 0;
        for (int i = 0; i < 10; i++) {
            Holder h = ia(1000 + i);
            Decision d = decide(h, Kind6.DECLINE, NOW, new Hint6(bound(h, NOW).item(), 128));
            refused += d.answer() instanceof Answer6.DeclineRefused r && r.reason() == DeclineLimits.Refusal.QUARANTINE_FULL ? 1 : 0;
        }
        assertEquals(POOL / 10, quarantined(NOW), "10 % of the pool");
        assertEquals(10 - POOL / 10, refused);
        bound(ia(1), NOW);
    }
}
