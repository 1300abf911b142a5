package org.dhcpcluster.lease.readmodel;

import java.util.HexFormat;
import java.util.Arrays;
import java.util.List;
import org.dhcpcluster.lease.partition.PartitionEvent.LeaseDetails;
import org.dhcpcluster.lease.v6.IaKey;
import org.dhcpcluster.lease.v6.space.SliceKey;

/**
 * The DHCPv6 tables: an item is an address (/128) or a delegated prefix of a slice; a holder one
 * identity association of a DUID (RFC 8415 section 12).
 */
final class Lease6Columns implements LeaseColumns {
    static final Lease6Columns INSTANCE = new Lease6Columns();

    @Override
    public String table() {
        return "lease6";
    }

    @Override
    public String history() {
        return "lease6_history";
    }

    @Override
    public String address(String entityId, int offset) {
        SliceKey slice = SliceKey.parse(entityId);
        return slice.itemAt(offset).format() + "/" + slice.length();
    }

    @Override
    public String clientKey(byte[] holder) {
        return IaKey.text(holder);
    }

    @Override
    public List<String> identityColumns() {
        return List.of("prefix_len", "type", "duid", "iaid", "hostname");
    }

    @Override
    public List<Object> identity(String entityId, byte[] holder, LeaseDetails details) {
        return Arrays.asList((short) SliceKey.parse(entityId).length(), IaKey.type(holder).label(),
                HexFormat.of().formatHex(IaKey.duid(holder)), IaKey.iaid(holder),
                details == null ? null : LeaseColumns.storable(details.hostName()));
    }

    @Override
    public boolean preferredLifetime() {
        return true;
    }
}
