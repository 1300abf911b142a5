package org.dhcpcluster.lease.holds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Addresses offered and not yet requested. Holds are not journaled as they are made: an offer
 * is not a binding (nothing has been acknowledged), and journaling every DISCOVER would double
 * the write load. When sharding moves the block, its outstanding holds are written once
 * ({@link #outstanding}) and restored on the new node, so an address offered just before the
 * move is not offered to someone else just after it. After a crash they are forgotten; a client
 * that then requests its offered address still gets it when it is free, and the bind is checked
 * against the durable record either way, so no address can end up bound twice.
 *
 * <p>Mutable, and owned by exactly one block entity instance (single-threaded by the actor).
 */
public final class OfferHolds {
    private record Hold(String clientKey, long until) {
    }

    /** An outstanding offer, as handed to the block's next incarnation. */
    public record Held(int address, String clientKey, long until) {
    }

    private final Map<Integer, Hold> byAddress = new HashMap<>();
    private final Map<String, Integer> byClient = new HashMap<>();

    public boolean heldByOther(int address, String clientKey, long now) {
        Hold h = byAddress.get(address);
        return h != null && h.until > now && !h.clientKey.equals(clientKey);
    }

    /** Holds an address for a client, dropping any earlier hold of the same client. */
    public void hold(int address, String clientKey, long until) {
        release(clientKey);
        byAddress.put(address, new Hold(clientKey, until));
        byClient.put(clientKey, address);
    }

    public void release(String clientKey) {
        Integer previous = byClient.remove(clientKey);
        if (previous != null) {
            byAddress.remove(previous);
        }
    }

    /** Forgets holds that have run out, so the maps stay as small as the offers in flight. */
    public void expire(long now) {
        if (byAddress.size() < 64) {
            return;
        }
        byAddress.entrySet().removeIf(e -> {
            if (e.getValue().until <= now) {
                byClient.remove(e.getValue().clientKey, e.getKey());
                return true;
            }
            return false;
        });
    }

    /** The holds that have not run out, in address order. */
    public List<Held> outstanding(long now) {
        List<Held> out = new ArrayList<>();
        byAddress.forEach((address, h) -> {
            if (h.until > now) {
                out.add(new Held(address, h.clientKey, h.until));
            }
        });
        out.sort(Comparator.comparingInt(Held::address));
        return List.copyOf(out);
    }

    public int size() {
        return byAddress.size();
    }
}
