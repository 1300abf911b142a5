package org.dhcpcluster.lease.readmodel;

import java.util.List;
import org.dhcpcluster.lease.partition.PartitionEvent.LeaseDetails;

/**
 * What differs between the DHCPv4 and DHCPv6 read-model tables: their names, how a partition
 * item becomes an address, and the columns that say who a holder is. The rest of a row (subnet,
 * key, state, times, relay) is the same for both, and so is the SQL that keeps it
 * ({@link LeaseTableWriter}).
 */
interface LeaseColumns {
    /** The current-lease table, e.g. {@code lease4}. */
    String table();

    /** The binding-interval table, e.g. {@code lease4_history}. */
    String history();

    /** The item at {@code offset} of the partition {@code entityId}, as PostgreSQL inet text. */
    String address(String entityId, int offset);

    /** The holder key as the API shows it. */
    String clientKey(byte[] holder);

    /** The columns that say who a holder is, beyond subnet and key. */
    List<String> identityColumns();

    /**
     * The values of {@link #identityColumns()} for a holder, in that order (values may be null);
     * {@code details} may be null (events journaled before details existed).
     */
    List<Object> identity(String entityId, byte[] holder, LeaseDetails details);

    /** Whether rows have a preferred lifetime (DHCPv6). */
    boolean preferredLifetime();

    /** Text that PostgreSQL can store: a client-supplied name may carry NUL, which text refuses. */
    static String storable(String s) {
        return s == null ? null : s.replace("\u0000", "");
    }
}
