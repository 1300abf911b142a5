package org.dhcpcluster.lease.carryover;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.dhcpcluster.lease.partition.PartitionEvent;
import org.dhcpcluster.lease.partition.PartitionKey;
import org.dhcpcluster.lease.v4.Block4;
import org.dhcpcluster.lease.v4.ClientKey4;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v4.policy.Subnet4;

/**
 * DHCPv4 leases of the first design: one "Block4|a.b.c.0" journal per 256 addresses, whose
 * events name the address and the client key as text. Its blocks and the partitions cover the
 * same addresses, so each block becomes one partition; the subnet of each address is the
 * configured subnet that contains it (addresses in no subnet are left behind, and counted).
 */
public final class FirstDesign4 implements CarryOver.Family {
    private final Supplier<Policy4> policy;

    public FirstDesign4(Supplier<Policy4> policy) {
        this.policy = policy;
    }

    @Override
    public String marker() {
        return "first-design-v4";
    }

    @Override
    public String persistenceIdPrefix() {
        return LegacyEvents.BLOCK4;
    }

    private record Slot(String clientKey, long until, boolean declined) {
    }

    @Override
    public Map<PartitionKey, List<PartitionEvent>> translate(String persistenceId, List<Object> events, long now) {
        Map<Integer, Slot> slots = new LinkedHashMap<>();
        for (Object e : events) {
            if (e instanceof LegacyEvents.AddressBound b) {
                slots.put(b.address(), new Slot(b.clientKey(), b.expiresAt(), false));
            } else if (e instanceof LegacyEvents.AddressReleased r) {
                slots.put(r.address(), new Slot(r.clientKey(), r.at(), false));
            } else if (e instanceof LegacyEvents.AddressDeclined d) {
                slots.put(d.address(), new Slot(d.clientKey(), d.quarantinedUntil(), true));
            }
        }
        Policy4 p = policy.get();
        Map<PartitionKey, List<PartitionEvent>> out = new HashMap<>();
        slots.forEach((address, s) -> {
            Optional<Subnet4> subnet = p.subnetContaining(address);
            if (subnet.isEmpty()) {
                return;
            }
            byte[] holder = ClientKey4.parse(s.clientKey());
            Block4 block = Block4.of(address);
            int offset = block.offsetOf(address);
            PartitionEvent event = s.declined()
                    ? new PartitionEvent.Declined(offset, subnet.get().id(), holder, now, s.until())
                    : new PartitionEvent.Bound(offset, subnet.get().id(), holder, now, s.until(), 0,
                    new PartitionEvent.LeaseDetails(ClientKey4.hardwareAddress(holder), null, null));
            out.computeIfAbsent(block, k -> new ArrayList<>()).add(event);
        });
        return out;
    }
}
