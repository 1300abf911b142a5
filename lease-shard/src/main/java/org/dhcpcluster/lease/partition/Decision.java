package org.dhcpcluster.lease.partition;

import java.util.List;

/**
 * What a family's rules decided for one message: the events to journal (applied at once, written
 * with the batch), the answer, and what happens to the client's offer hold. Pure data: the
 * rules that produce it read the partition state and change nothing.
 *
 * @param holdOffset the item to hold for the client as an offer, or -1
 * @param holdUntil until when (epoch ms) the hold, or the offer made without one, is out
 * @param releaseHold whether the client's earlier hold is let go (it went elsewhere)
 * @param unheldOffset the item offered without a hold (the offer share was full), or -1: the
 *     next unheld offer is looked for after it ({@link PartitionState#pickUnheld})
 */
public record Decision(List<PartitionEvent> events, PartitionAnswer answer, int holdOffset, long holdUntil, boolean releaseHold,
                       int unheldOffset) {

    public Decision {
        events = List.copyOf(events);
    }

    public static Decision answer(PartitionAnswer answer) {
        return new Decision(List.of(), answer, -1, 0, false, -1);
    }

    public static Decision offer(PartitionAnswer answer, int offset, long until) {
        return offer(List.of(), answer, offset, until);
    }

    public static Decision offer(List<PartitionEvent> events, PartitionAnswer answer, int offset, long until) {
        return new Decision(events, answer, offset, until, false, -1);
    }

    /** An offer beyond the offer share: nothing is held, nobody is kept from the item. */
    public static Decision unheldOffer(List<PartitionEvent> events, PartitionAnswer answer, int offset, long until) {
        return new Decision(events, answer, -1, until, false, offset);
    }

    public static Decision write(List<PartitionEvent> events, PartitionAnswer answer) {
        return new Decision(events, answer, -1, 0, false, -1);
    }
}
