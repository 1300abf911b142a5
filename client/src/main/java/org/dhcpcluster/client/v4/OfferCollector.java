package org.dhcpcluster.client.v4;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.protocol.v4.DhcpV4Message;

/**
 * The DHCPOFFERs gathered in SELECTING during the offer window, and the choice among them:
 * the offer of the address the client asked for (its previous one) if any server made it,
 * otherwise the first to arrive. RFC 2131 section 4.4.1 leaves the choice to the client;
 * keeping the old address spares the host a renumbering, and arrival order favours the
 * server that answers fastest.
 */
final class OfferCollector {
    private final List<DhcpV4Message> offers = new ArrayList<>();

    void add(DhcpV4Message offer) {
        offers.add(offer);
    }

    boolean isEmpty() {
        return offers.isEmpty();
    }

    void clear() {
        offers.clear();
    }

    /** @throws IllegalStateException when no offer was collected */
    DhcpV4Message choose(Optional<Inet4Address> preferredAddress) {
        if (offers.isEmpty()) {
            throw new IllegalStateException("no offer to choose from");
        }
        return preferredAddress.flatMap(a -> offers.stream().filter(o -> o.yiaddr().equals(a)).findFirst())
                .orElse(offers.get(0));
    }
}
