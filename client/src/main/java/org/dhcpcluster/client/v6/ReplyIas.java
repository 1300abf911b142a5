package org.dhcpcluster.client.v6;

import java.util.Optional;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.StatusCode;
import org.dhcpcluster.protocol.v6.option.IaType;
import org.dhcpcluster.protocol.v6.option.IdentityAssociation;
import org.dhcpcluster.protocol.v6.option.StatusCodeOption;

/** How the client reads the IAs of an ADVERTISE or REPLY (RFC 8415 sections 18.2.9, 18.2.10.1 and 21.4). */
final class ReplyIas {

    private ReplyIas() {
    }

    /**
     * The reply's IA with this type and IAID, unless it is one the client must discard:
     * T1 greater than T2 with both non-zero (section 21.4 and 21.21).
     */
    static Optional<IdentityAssociation> find(ClientServerMessage reply, IaKey key) {
        return reply.identityAssociations(key.type()).stream()
                .filter(key::matches)
                .filter(ia -> ia.t1() == 0 || ia.t2() == 0 || ia.t1() <= ia.t2())
                .findFirst();
    }

    /** The IA's Status Code; Success when it carries none (section 21.13: absence means success). */
    static StatusCode status(IdentityAssociation ia) {
        return ia.status().map(StatusCodeOption::code).orElse(StatusCode.SUCCESS);
    }

    /** The message-level Status Code; Success when absent. */
    static StatusCode status(ClientServerMessage m) {
        return m.statusCode().map(StatusCodeOption::code).orElse(StatusCode.SUCCESS);
    }

    /**
     * Whether an ADVERTISE offers anything: an address in an IA_NA or a prefix in an IA_PD.
     * Section 18.2.9 makes the client ignore one that offers neither (the server said
     * NoAddrsAvail / NoPrefixAvail), apart from its SOL_MAX_RT and INF_MAX_RT options.
     */
    static boolean offersLeases(ClientServerMessage advertise) {
        return advertise.identityAssociations(IaType.NA).stream().anyMatch(ia -> !ia.addresses().isEmpty())
                || advertise.identityAssociations(IaType.PD).stream().anyMatch(ia -> !ia.prefixes().isEmpty());
    }
}
