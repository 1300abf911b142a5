package org.dhcpcluster.lease.carryover;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dhcpcluster.lease.partition.PartitionEvent;
import org.dhcpcluster.lease.partition.PartitionKey;
import org.dhcpcluster.lease.v6.IaKey;
import org.dhcpcluster.lease.v6.space.SliceKey;

/**
 * DHCPv6 leases of the first design: one "Slice6|L&lt;len&gt;@&lt;base&gt;" journal per slice, whose
 * events name the item's offset and the IA's old entity id ("subnet:duid:na:iaid"). Slices and
 * partitions are the same ranges, so each slice becomes the partition with the same key and its
 * offsets stay as they were. The preferred lifetime was not recorded; the valid one stands for
 * both until the client renews.
 */
public final class FirstDesign6 implements CarryOver.Family {

    @Override
    public String marker() {
        return "first-design-v6";
    }

    @Override
    public String persistenceIdPrefix() {
        return LegacyEvents.SLICE6;
    }

    private record Slot(String holder, long until, boolean declined) {
    }

    @Override
    public Map<PartitionKey, List<PartitionEvent>> translate(String persistenceId, List<Object> events, long now) {
        SliceKey slice = SliceKey.parse(persistenceId.substring(LegacyEvents.SLICE6.length()));
        Map<Integer, Slot> slots = new LinkedHashMap<>();
        for (Object e : events) {
            if (e instanceof LegacyEvents.ItemBound b) {
                slots.put(b.offset(), new Slot(b.holder(), b.validUntil(), false));
            } else if (e instanceof LegacyEvents.ItemReleased r) {
                slots.put(r.offset(), new Slot(r.holder(), r.at(), false));
            } else if (e instanceof LegacyEvents.ItemDeclined d) {
                slots.put(d.offset(), new Slot(d.holder(), d.quarantinedUntil(), true));
            }
        }
        List<PartitionEvent> out = new ArrayList<>();
        slots.forEach((offset, s) -> {
            int colon = s.holder().indexOf(':');
            int subnet = Integer.parseInt(s.holder().substring(0, colon));
            byte[] holder = IaKey.parse(s.holder().substring(colon + 1));
            out.add(s.declined()
                    ? new PartitionEvent.Declined(offset, subnet, holder, now, s.until())
                    : new PartitionEvent.Bound(offset, subnet, holder, now, s.until(), s.until(), PartitionEvent.LeaseDetails.NONE));
        });
        Map<PartitionKey, List<PartitionEvent>> bySlice = new HashMap<>();
        bySlice.put(slice, out);
        return bySlice;
    }
}
