package org.dhcpcluster.lease.partition;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * When each holder's recent DECLINEs were honoured (quarantined), for the per-client limit of
 * {@link DeclineLimits}. Counted as the entity applies {@link PartitionEvent.Declined} events,
 * so a restarted partition counts again what it replays from its journal; nothing here is
 * persisted or handed over (snapshots do not carry it, so a move or a recovery from a snapshot
 * may forget some). That is enough for a limit meant to stop a flood, not to account exactly:
 * the partition-wide quarantine share, counted from the durable records, bounds the rest.
 *
 * <p>Mutable, owned by one partition (single-threaded by the actor).
 */
public final class DeclineCounts {
    private final Map<Holder, ArrayDeque<Long>> honoured = new HashMap<>();
    private long sweptAt;

    void record(Holder holder, long at) {
        honoured.computeIfAbsent(holder, h -> new ArrayDeque<>(4)).addLast(at);
    }

    /** How many of the holder's DECLINEs were honoured in the {@code windowMs} before {@code now}. */
    public int recent(Holder holder, long now, long windowMs) {
        ArrayDeque<Long> times = honoured.get(holder);
        if (times == null) {
            return 0;
        }
        int n = 0;
        for (long at : times) {
            if (at > now - windowMs) {
                n++;
            }
        }
        return n;
    }

    /**
     * Forgets DECLINEs older than the window, so the map stays as small as the recent decliners:
     * when it has grown, or once a window (a client declining now and then keeps no old entries).
     */
    public void expire(long now, long windowMs) {
        if (honoured.size() < 64 && now - sweptAt < windowMs) {
            return;
        }
        sweptAt = now;
        honoured.values().forEach(times -> {
            while (!times.isEmpty() && times.peekFirst() <= now - windowMs) {
                times.pollFirst();
            }
        });
        honoured.values().removeIf(ArrayDeque::isEmpty);
    }
}
