package org.dhcpcluster.lease.readmodel;

import java.util.HexFormat;
import java.util.Arrays;
import java.util.List;
import org.dhcpcluster.lease.partition.PartitionEvent.LeaseDetails;
import org.dhcpcluster.lease.v4.Block4;
import org.dhcpcluster.lease.v4.ClientKey4;
import org.dhcpcluster.protocol.v4.Ipv4;

/** The DHCPv4 tables: an item is an address of a /24 block; a holder a client key (RFC 2131 4.2). */
final class Lease4Columns implements LeaseColumns {
    static final Lease4Columns INSTANCE = new Lease4Columns();

    @Override
    public String table() {
        return "lease4";
    }

    @Override
    public String history() {
        return "lease4_history";
    }

    @Override
    public String address(String entityId, int offset) {
        return Ipv4.format(Block4.parse(entityId.substring(2)).addressAt(offset));
    }

    @Override
    public String clientKey(byte[] holder) {
        return ClientKey4.text(holder);
    }

    @Override
    public List<String> identityColumns() {
        return List.of("hw_type", "hw_address", "client_id", "hostname");
    }

    @Override
    public List<Object> identity(String entityId, byte[] holder, LeaseDetails details) {
        byte[] keyHardware = ClientKey4.hardwareAddress(holder);
        byte[] hardware = keyHardware != null ? keyHardware : details == null ? null : details.hardwareAddress();
        // The hardware type is known only from a key made of it; option 61 keys carry none.
        return Arrays.asList(keyHardware != null ? (short) (holder[1] & 0xff) : null,
                hardware == null || hardware.length == 0 ? null : colons(hardware),
                ClientKey4.clientIdHex(holder),
                details == null ? null : LeaseColumns.storable(details.hostName()));
    }

    @Override
    public boolean preferredLifetime() {
        return false;
    }

    /** Lower-case hex octets joined by colons, as operators write MAC addresses. */
    static String colons(byte[] octets) {
        return HexFormat.ofDelimiter(":").formatHex(octets);
    }
}
