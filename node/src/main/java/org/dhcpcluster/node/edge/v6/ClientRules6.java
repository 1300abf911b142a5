package org.dhcpcluster.node.edge.v6;

import java.util.Optional;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.Duid;

/**
 * The checks RFC 8415 section 16 makes a server apply before it answers, each failure a
 * counted drop reason: who must (and must not) name a server, and that it is this server.
 */
final class ClientRules6 {
    private ClientRules6() {
    }

    /** Why the message must be discarded, or empty when it may be answered. */
    static Optional<String> violation(ClientServerMessage m, Duid server) {
        DhcpV6MessageType t = m.type();
        boolean hasClient = m.clientId().isPresent();
        Optional<Duid> named = m.serverId();
        if (t.equals(DhcpV6MessageType.SOLICIT) || t.equals(DhcpV6MessageType.REBIND) || t.equals(DhcpV6MessageType.CONFIRM)) {
            // Sections 16.2, 16.5, 16.6: sent to all servers, so naming one is an error.
            if (!hasClient) {
                return Optional.of("no_client_id");
            }
            return named.isPresent() ? Optional.of("unexpected_server_id") : Optional.empty();
        }
        if (t.equals(DhcpV6MessageType.REQUEST) || t.equals(DhcpV6MessageType.RENEW)
                || t.equals(DhcpV6MessageType.RELEASE) || t.equals(DhcpV6MessageType.DECLINE)) {
            // Sections 16.4, 16.6, 16.9, 16.10: meant for one server, which must be this one.
            if (!hasClient) {
                return Optional.of("no_client_id");
            }
            if (named.isEmpty()) {
                return Optional.of("no_server_id");
            }
            return named.get().equals(server) ? Optional.empty() : Optional.of("other_server");
        }
        if (t.equals(DhcpV6MessageType.INFORMATION_REQUEST)) {
            // Section 16.12: a server id, if any, must be ours; IAs have no place here.
            if (named.isPresent() && !named.get().equals(server)) {
                return Optional.of("other_server");
            }
            return m.iaNa().isEmpty() && m.iaTa().isEmpty() && m.iaPd().isEmpty() ? Optional.empty() : Optional.of("ia_in_information_request");
        }
        return Optional.of("not_a_client_message");
    }
}
