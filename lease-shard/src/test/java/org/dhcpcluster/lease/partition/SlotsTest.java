package org.dhcpcluster.lease.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlotsTest {
    private static byte[] key(int n) {
        return new byte[] {1, 1, 2, 0, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    @Test
    void aHolderIsFoundAtItsLatestItemAndLosesItWhenAnotherTakesIt() {
        Slots s = new Slots(256);
        s.set(10, 1, key(1), 100, Slots.BOUND, true);
        assertEquals(10, s.offsetOf(1, key(1)));
        s.set(20, 1, key(1), 200, Slots.BOUND, true);
        assertEquals(20, s.offsetOf(1, key(1)), "the holder's entry follows its latest item");
        s.set(20, 1, key(2), 300, Slots.BOUND, true);
        assertEquals(-1, s.offsetOf(1, key(1)), "the item's previous holder is no longer found there");
        assertEquals(20, s.offsetOf(1, key(2)));
        assertEquals(-1, s.offsetOf(2, key(2)), "the same key in another subnet is another holder");
    }

    @Test
    void aRecordKeptWithoutIndexIsNotFoundByItsHolder() {
        Slots s = new Slots(256);
        s.set(5, 1, key(1), 100, Slots.BOUND, true);
        s.set(5, 1, key(1), 900, Slots.DECLINED, false);
        assertEquals(-1, s.offsetOf(1, key(1)));
        assertEquals(Slots.DECLINED, s.state(5));
    }

    @Test
    void theIndexAgreesWithAPlainMapThroughThousandsOfRandomChanges() {
        Slots s = new Slots(65536);
        Map<Integer, Integer> holderOf = new HashMap<>();
        Map<Integer, Integer> itemOf = new HashMap<>();
        Random r = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            int offset = r.nextInt(4096) * 16;
            int holder = r.nextInt(3000);
            Integer previousHolder = holderOf.put(offset, holder);
            if (previousHolder != null && Integer.valueOf(offset).equals(itemOf.get(previousHolder))) {
                itemOf.remove(previousHolder);
            }
            itemOf.put(holder, offset);
            s.set(offset, 1, key(holder), i, Slots.BOUND, true);
        }
        for (int h = 0; h < 3000; h++) {
            assertEquals(itemOf.getOrDefault(h, -1), s.offsetOf(1, key(h)), "holder " + h);
        }
        assertEquals(holderOf.size(), s.used());
    }

    @Test
    void aSnapshotRestoresRecordsAndWhichOfThemTheHoldersPointAt() {
        PartitionState state = new PartitionState(256);
        state.applyAhead(new PartitionEvent.Bound(1, 1, key(1), 0, 1000, 0, PartitionEvent.LeaseDetails.NONE));
        state.applyAhead(new PartitionEvent.Bound(2, 1, key(1), 0, 2000, 0, PartitionEvent.LeaseDetails.NONE));
        state.applyAhead(new PartitionEvent.Released(2, 500));
        state.applyAhead(new PartitionEvent.Declined(3, 1, key(2), 0, 9000));
        PartitionState back = PartitionState.from(state.snapshot());
        assertEquals(2, back.slots().offsetOf(1, key(1)), "the holder points at its latest item, not the highest or lowest");
        assertEquals(Slots.RELEASED, back.slots().state(2));
        assertEquals(-1, back.slots().offsetOf(1, key(2)), "a declined item is not its decliner's");
        assertTrue(back.quarantined(3, 100));
        assertEquals(3, back.slots().used());
    }
}
