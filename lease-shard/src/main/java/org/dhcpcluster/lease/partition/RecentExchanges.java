package org.dhcpcluster.lease.partition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dhcpcluster.lease.serialization.KryoSerializable;

/**
 * The last message each recently active client sent to this partition and what it was answered,
 * to keep the invariant "one answer per transaction, and at least one":
 *
 * <ul>
 *   <li>a <em>copy</em> of a message (a broadcast heard by several nodes, a relay sending to
 *       every node) has the same transaction id, type and elapsed time, and was received by the
 *       nodes within milliseconds of the original: it gets no answer;</li>
 *   <li>a <em>retransmission</em> (the client missed the answer) comes seconds later, with the
 *       elapsed time grown or at least later: it gets the same answer again, without a new
 *       decision. A transmission received before the one last answered is never a
 *       retransmission: it is a copy that arrived late.</li>
 * </ul>
 *
 * <p>Each message type of a client is remembered apart: a late copy of a DISCOVER (the node that
 * heard it was slow) must still be a copy after the same transaction's REQUEST has been
 * answered, or it would be offered again.
 *
 * <p>Times are when an edge received the datagram (epoch ms, stamped on arrival), not when the
 * partition got to it: copies held up by a shard move or a cold start stay recognisable however
 * late they arrive. That needs the nodes' clocks within a fraction of {@link #COPY_WINDOW_MS} of
 * each other, which NTP gives.
 */
public final class RecentExchanges {
    /**
     * Copies of one transmission reach the nodes within milliseconds; a client's first
     * retransmission comes after 3 s at the earliest in DHCPv4 (RFC 2131 section 4.1: 4 s +-1),
     * and in DHCPv6 carries a larger Elapsed Time (RFC 8415 section 21.9).
     */
    public static final long COPY_WINDOW_MS = 2_000;

    /** One client's last message and its answer ({@code answer} null while it is being decided). */
    public record Exchange(Holder holder, int xid, int type, int elapsed, long receivedAt, Object answer) implements KryoSerializable {
    }

    /** What a message is, compared with the client's last one. */
    public enum Seen {
        NEW, COPY, RETRANSMISSION
    }

    /** Per holder, its last message of each type (a handful of types at most). */
    private final Map<Holder, Exchange[]> byHolder = new HashMap<>();

    private Exchange last(Holder holder, int type) {
        Exchange[] all = byHolder.get(holder);
        if (all != null) {
            for (Exchange e : all) {
                if (e.type == type) {
                    return e;
                }
            }
        }
        return null;
    }

    public Seen classify(Holder holder, int xid, int type, int elapsed, long receivedAt, long retransmissionWindowMs) {
        Exchange last = last(holder, type);
        if (last == null || last.xid != xid) {
            return Seen.NEW;
        }
        if (last.elapsed == elapsed && Math.abs(receivedAt - last.receivedAt) < COPY_WINDOW_MS) {
            return Seen.COPY;
        }
        if (receivedAt < last.receivedAt) {
            // Sent before the transmission last answered (a copy held up in the cluster while the
            // client retransmitted): the client has its answer, a retransmission is always later.
            return Seen.COPY;
        }
        if (last.answer != null && receivedAt - last.receivedAt < retransmissionWindowMs) {
            return Seen.RETRANSMISSION;
        }
        return Seen.NEW;
    }

    /** The answer given to the holder's last message of this type. */
    public Object lastAnswer(Holder holder, int type) {
        Exchange e = last(holder, type);
        return e == null ? null : e.answer;
    }

    public void record(Holder holder, int xid, int type, int elapsed, long receivedAt, Object answer) {
        restore(new Exchange(holder, xid, type, elapsed, receivedAt, answer));
    }

    /** Records an exchange, or restores one handed over by the partition's previous incarnation. */
    public void restore(Exchange e) {
        Exchange[] all = byHolder.get(e.holder());
        if (all == null) {
            byHolder.put(e.holder(), new Exchange[] {e});
            return;
        }
        for (int i = 0; i < all.length; i++) {
            if (all[i].type == e.type) {
                all[i] = e;
                return;
            }
        }
        Exchange[] grown = Arrays.copyOf(all, all.length + 1);
        grown[all.length] = e;
        byHolder.put(e.holder(), grown);
    }

    /** Forgets exchanges older than {@code horizonMs}, so the map holds only clients in the middle of an exchange. */
    public void expire(long now, long horizonMs) {
        if (byHolder.size() < 256) {
            return;
        }
        byHolder.values().removeIf(all -> Arrays.stream(all).allMatch(e -> now - e.receivedAt > horizonMs));
    }

    /** Exchanges recent enough that copies or retransmissions may still arrive. */
    public List<Exchange> recent(long now, long horizonMs) {
        List<Exchange> out = new ArrayList<>();
        for (Exchange[] all : byHolder.values()) {
            for (Exchange e : all) {
                if (now - e.receivedAt <= horizonMs) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    public int size() {
        return byHolder.size();
    }
}
