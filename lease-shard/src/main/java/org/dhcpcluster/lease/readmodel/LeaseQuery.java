package org.dhcpcluster.lease.readmodel;

import java.util.Optional;

/**
 * One page of a lease listing: the filters (all that are present must match) and the keyset
 * position. Values are already normalised by whoever built the query (lower-case hex, colon
 * MAC, parsed addresses as text).
 *
 * @param limit rows per page
 * @param after list addresses after this one (the previous page's {@code next}), or from the first
 * @param state bound, expired, released or declined, as {@link LeaseReader} derives it at the read's time
 */
public record LeaseQuery(int limit, Optional<String> after, Optional<Integer> subnet, Optional<String> address,
                         Optional<String> client, Optional<String> hwAddress, Optional<String> clientId, Optional<String> duid,
                         Optional<String> hostname, Optional<String> state) {
    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 10_000;

    public LeaseQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit + " is outside 1.." + MAX_LIMIT);
        }
    }

    /** Everything, first page. */
    public static LeaseQuery all() {
        return new LeaseQuery(DEFAULT_LIMIT, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The same query, one page on: listing addresses after {@code address}. */
    public LeaseQuery after(Optional<String> address) {
        return new LeaseQuery(limit, address, subnet, this.address, client, hwAddress, clientId, duid, hostname, state);
    }
}
