package org.dhcpcluster.lease.readmodel;

/** Which read-model tables a read uses, and how their rows show in the API. */
public enum LeaseFamily {
    V4("lease4", "lease4_history", "host(address)",
            "subnet_id, hw_type, hw_address, client_id, hostname, bound_at, relay, updated_at",
            "subnet_id, hw_address, client_id, hostname, relay"),
    // A delegated prefix shows as prefix/length, an address (/128) alone.
    V6("lease6", "lease6_history", "CASE WHEN prefix_len = 128 THEN host(address) ELSE host(address) || '/' || prefix_len END",
            "subnet_id, type, prefix_len, duid, iaid, hostname, bound_at, preferred_until, relay, updated_at",
            "subnet_id, type, duid, iaid, hostname, preferred_until, relay");

    final String leases;
    final String history;
    final String addressText;
    final String leaseColumns;
    final String historyColumns;

    LeaseFamily(String leases, String history, String addressText, String leaseColumns, String historyColumns) {
        this.leases = leases;
        this.history = history;
        this.addressText = addressText;
        this.leaseColumns = leaseColumns;
        this.historyColumns = historyColumns;
    }
}
