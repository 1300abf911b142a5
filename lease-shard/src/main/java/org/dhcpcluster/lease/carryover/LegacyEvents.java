package org.dhcpcluster.lease.carryover;

import java.util.List;
import org.dhcpcluster.lease.serialization.KryoSerializable;

/**
 * The events of the first lease design's authorities, kept only so that journals written by it
 * can be read once and carried into partitions ({@link CarryOver}). Their Kryo ids and component
 * names and types are those of the records that wrote them (AddressBlock4 and Slice6 events);
 * nothing writes them any more.
 */
public final class LegacyEvents {
    private LegacyEvents() {
    }

    /** Persistence-id prefixes of the first design's authorities. */
    public static final String BLOCK4 = "Block4|";
    public static final String SLICE6 = "Slice6|";

    // ---- DHCPv4 address blocks (persistence id "Block4|a.b.c.0"), Kryo ids 220-224 --------

    public record AddressBound(int address, String clientKey, long expiresAt) implements KryoSerializable {
    }

    public record AddressReleased(int address, String clientKey, long at) implements KryoSerializable {
    }

    public record AddressDeclined(int address, String clientKey, long quarantinedUntil) implements KryoSerializable {
    }

    public record OffersHandedOver(List<HeldOffer> offers) implements KryoSerializable {
    }

    public record HeldOffer(int address, String clientKey, long until) implements KryoSerializable {
    }

    // ---- DHCPv6 slices (persistence id "Slice6|L<len>@<base>"), Kryo ids 430-432 ------------

    /** {@code holder}: the IA's old entity id, "subnet:duidhex:na|ta|pd:iaid". */
    public record ItemBound(int offset, String holder, long validUntil) implements KryoSerializable {
    }

    public record ItemReleased(int offset, String holder, long at) implements KryoSerializable {
    }

    public record ItemDeclined(int offset, String holder, long quarantinedUntil) implements KryoSerializable {
    }
}
