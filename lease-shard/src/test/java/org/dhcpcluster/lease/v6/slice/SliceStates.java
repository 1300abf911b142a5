package org.dhcpcluster.lease.v6.slice;

import org.dhcpcluster.lease.v6.space.SliceKey;

/** Slice states built through the event handler, for tests outside this package. */
public final class SliceStates {
    private SliceStates() {
    }

    /** A slice with one bound, one released and one declined item. */
    public static SliceState sample(SliceKey key, String holder, long t) {
        SliceState s = SliceState.empty(key);
        s = Slice6.applyEvent(s, new Slice6.ItemBound(0x1234, holder, t + 3_600_000));
        s = Slice6.applyEvent(s, new Slice6.ItemReleased(0x0001, holder, t));
        return Slice6.applyEvent(s, new Slice6.ItemDeclined(0xffff, "1:00030001020000000002:na:9", t + 86_400_000));
    }
}
