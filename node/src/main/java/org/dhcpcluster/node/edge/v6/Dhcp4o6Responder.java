package org.dhcpcluster.node.edge.v6;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.node.edge.v4.Dhcp4Service;
import org.dhcpcluster.protocol.v6.Dhcp4o6Message;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.RelayChain;

/**
 * DHCPv4 over DHCPv6 (RFC 7341) in one pipeline: the DHCPv4 message of a DHCPV4-QUERY goes
 * to the same v4 lease path as a native one (so a 4o6 client's lease is an ordinary v4 lease,
 * durable and unique the same way), for the v4 subnet configured for the IPv6 link it came
 * from; the answer returns as a DHCPV4-RESPONSE. Kea needs two processes and an IPC channel
 * for this; here it is one call.
 */
final class Dhcp4o6Responder {
    /** Why a query got no answer, as a drop reason; empty when it was answered. */
    record Outcome(Optional<Dhcp4o6Message> response, String dropReason) {
    }

    private final Dhcp4Service v4;
    private final Supplier<Policy4> policy4;
    private final Dhcp4o6Links links;

    Dhcp4o6Responder(Dhcp4Service v4, Supplier<Policy4> policy4, Dhcp4o6Links links) {
        this.v4 = v4;
        this.policy4 = policy4;
        this.links = links;
    }

    CompletionStage<Outcome> answer(Dhcp4o6Message query, RelayChain chain, Arrival6 arrival) {
        if (!query.type().equals(DhcpV6MessageType.DHCPV4_QUERY)) {
            return done("not_a_dhcpv4_query");
        }
        Optional<byte[]> dhcpV4 = query.dhcpV4Message();
        if (dhcpV4.isEmpty()) {
            // RFC 7341 section 7: a query without the DHCPv4 Message option is discarded.
            return done("dhcpv4_message_missing");
        }
        Optional<Subnet4> subnet = links.v4SubnetFor(chain, arrival).flatMap(id -> policy4.get().subnet(id));
        if (subnet.isEmpty()) {
            return done("no_4o6_subnet");
        }
        return v4.answerOverDhcpv6(dhcpV4.get(), subnet.get())
                .thenApply(reply -> reply.map(bytes -> new Outcome(Optional.of(Dhcp4o6Message.response(bytes)), ""))
                        .orElse(new Outcome(Optional.empty(), "")));
    }

    private static CompletionStage<Outcome> done(String reason) {
        return CompletableFuture.completedFuture(new Outcome(Optional.empty(), reason));
    }
}
