package org.dhcpcluster.lease.partition;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Items offered without a hold (beyond the offer share, {@link OfferShare}) and when those
 * offers run out. They keep nobody from the item: a REQUEST for one is decided on the records
 * alone. They only steer picks: while one is out, every other pick, with or without a hold,
 * prefers another item, so a client offered an item without a hold meets another client at
 * REQUEST only when there are more offers out than free items (a flood, whose clients never
 * REQUEST).
 *
 * <p>In memory only, like holds, and bounded: the oldest are forgotten beyond {@link #CAPACITY}
 * (a v4 partition has 256 items; a flooded v6 slice must not grow this without limit).
 * Mutable, owned by one partition (single-threaded by the actor).
 */
final class UnheldOffers {
    static final int CAPACITY = 4096;

    private final Map<Integer, Long> until = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Long> eldest) {
            return size() > CAPACITY;
        }
    };

    void offered(int offset, long runsOut) {
        until.remove(offset); // re-inserted last, so it is the last to be forgotten
        until.put(offset, runsOut);
    }

    boolean outstanding(int offset, long now) {
        if (until.isEmpty()) {
            return false;
        }
        Long runsOut = until.get(offset);
        return runsOut != null && runsOut > now;
    }
}
