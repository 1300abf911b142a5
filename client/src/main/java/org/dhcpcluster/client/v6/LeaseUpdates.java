package org.dhcpcluster.client.v6;

import java.net.Inet6Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.Duid;
import org.dhcpcluster.protocol.v6.StatusCode;
import org.dhcpcluster.protocol.v6.option.IdentityAssociation;

/**
 * What a REPLY does to the leases a client holds (RFC 8415 section 18.2.10.1), as pure
 * functions from (held leases, reply, when the exchange began) to new leases; the client
 * only decides where to go next from the result.
 */
final class LeaseUpdates {

    private LeaseUpdates() {
    }

    /**
     * The leases after a REPLY to REQUEST (or to a rapid-commit SOLICIT): each requested IA
     * the reply grants is bound, each it does not (NoAddrsAvail, NoPrefixAvail, absent) is
     * dropped. Empty when nothing is held afterwards.
     *
     * @param held what the client already holds (empty on a first REQUEST)
     * @param unicast the address the server allows unicast to, if any
     */
    static Optional<DhcpV6Lease> afterRequest(Optional<DhcpV6Lease> held, ClientServerMessage reply, List<IaKey> requested,
                                              Optional<Inet6Address> unicast, Instant obtainedAt) {
        Duid server = reply.serverId().orElseThrow();
        DhcpV6Lease updated = held.map(l -> l.fromServer(server, unicast)).orElseGet(() -> new DhcpV6Lease(server, unicast, List.of()));
        for (IaKey key : requested) {
            Optional<IaBinding> granted = ReplyIas.find(reply, key)
                    .filter(ia -> ReplyIas.status(ia).isSuccess())
                    .flatMap(ia -> IaBinding.apply(Optional.empty(), ia, obtainedAt));
            updated = granted.map(updated::with).orElse(updated.without(key));
        }
        return updated.isEmpty() ? Optional.empty() : Optional.of(updated);
    }

    /** Whether a REPLY to REQUEST says the client is on the wrong link, for the whole message or for one IA. */
    static boolean notOnLink(ClientServerMessage reply, List<IaKey> requested) {
        return StatusCode.NOT_ON_LINK.equals(ReplyIas.status(reply)) || requested.stream().anyMatch(k ->
                ReplyIas.find(reply, k).map(ia -> StatusCode.NOT_ON_LINK.equals(ReplyIas.status(ia))).orElse(false));
    }

    /**
     * The leases after a REPLY to RENEW or REBIND: IAs the reply grants are extended (and may
     * lose addresses whose valid lifetime it sets to 0), IAs it leaves out or answers with
     * another failure are left as they are, and IAs it marks NoBinding are listed for a
     * REQUEST.
     *
     * @param leases the leases afterwards, possibly with no binding left
     * @param noBinding the IAs to REQUEST, in the order the client holds them
     */
    record Renewal(DhcpV6Lease leases, List<IaKey> noBinding) {
    }

    static Renewal afterRenew(DhcpV6Lease held, ClientServerMessage reply, Optional<Inet6Address> unicast, Instant obtainedAt) {
        DhcpV6Lease updated = held.fromServer(reply.serverId().orElseThrow(), unicast);
        List<IaKey> noBinding = new ArrayList<>();
        for (IaBinding b : held.bindings()) {
            Optional<IdentityAssociation> ia = ReplyIas.find(reply, b.key());
            if (ia.isEmpty()) {
                continue;
            }
            StatusCode s = ReplyIas.status(ia.get());
            if (StatusCode.NO_BINDING.equals(s)) {
                noBinding.add(b.key());
            } else if (s.isSuccess()) {
                Optional<IaBinding> extended = IaBinding.apply(Optional.of(b), ia.get(), obtainedAt);
                updated = extended.map(updated::with).orElse(updated.without(b.key()));
            }
        }
        return new Renewal(updated, List.copyOf(noBinding));
    }
}
