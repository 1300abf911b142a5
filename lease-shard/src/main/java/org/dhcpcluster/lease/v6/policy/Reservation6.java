package org.dhcpcluster.lease.v6.policy;

import java.util.Optional;
import org.dhcpcluster.lease.v6.space.Address128;

/**
 * A client, named by its DUID (hex, lower case), that always gets the same address and/or
 * delegated prefix. Reserved items are never handed out dynamically.
 */
public record Reservation6(String duidHex, Optional<Address128> address, Optional<Address128> prefix, int prefixLength,
                           Optional<String> hostName) {

    public Reservation6 {
        duidHex = duidHex.toLowerCase();
        if (prefix.isPresent() && (prefixLength < 1 || prefixLength > 128)) {
            throw new IllegalArgumentException("reserved prefix needs a length in 1-128");
        }
    }
}
