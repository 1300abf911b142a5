package org.dhcpcluster.lease.partition;

import java.util.List;

/**
 * What a family's rules decided for one message: the events to journal (applied at once, written
 * with the batch), the answer, and what happens to the client's offer hold. Pure data: the
 * rules that produce it read the partition state and change nothing.
 *
 * @param holdOffset the item to hold for the client as an offer, or -1
 * @param holdUntil until when (epoch ms)
 * @param releaseHold whether the client's earlier hold is let go (it went elsewhere)
 */
public record Decision(List<PartitionEvent> events, PartitionAnswer answer, int holdOffset, long holdUntil, boolean releaseHold) {

    public Decision {
        events = List.copyOf(events);
    }

    public static Decision answer(PartitionAnswer answer) {
        return new Decision(List.of(), answer, -1, 0, false);
    }

    public static Decision offer(PartitionAnswer answer, int offset, long until) {
        return new Decision(List.of(), answer, offset, until, false);
    }

    public static Decision write(List<PartitionEvent> events, PartitionAnswer answer) {
        return new Decision(events, answer, -1, 0, false);
    }
}
