package org.dhcpcluster.client.v6;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.Duid;
import org.dhcpcluster.protocol.v6.option.IdentityAssociation;

/**
 * The messages a DHCPv6 client sends (RFC 8415 sections 18.2.1 to 18.2.7), each with the
 * options its section requires: Client Identifier always; Server Identifier in REQUEST,
 * RENEW and RELEASE and never in SOLICIT, REBIND, CONFIRM or INFORMATION-REQUEST; an Option
 * Request option naming what the RFC makes the client ask for. The transaction-id and the
 * Elapsed Time value are the {@link Exchange}'s to fill in.
 */
final class ClientMessages {
    private final DhcpV6ClientConfig config;

    ClientMessages(DhcpV6ClientConfig config) {
        this.config = config;
    }

    /** Section 18.2.1: the configured IAs, empty, T1 and T2 zero; Rapid Commit if configured; SOL_MAX_RT requested. */
    ClientServerMessage solicit() {
        ClientServerMessage.Builder b = base(DhcpV6MessageType.SOLICIT, DhcpV6OptionCode.SOL_MAX_RT);
        if (config.rapidCommit()) {
            b.add(new DhcpV6Option(DhcpV6OptionCode.RAPID_COMMIT, new byte[0]));
        }
        for (IaKey key : config.identityAssociations()) {
            b.add(new IdentityAssociation(key.type(), key.iaid(), 0, 0, DhcpV6Options.empty()).toOption());
        }
        return b.build();
    }

    /** Section 18.2.2: to the chosen server, for these IAs. */
    ClientServerMessage request(Duid server, List<IdentityAssociation> ias) {
        return withIas(base(DhcpV6MessageType.REQUEST, DhcpV6OptionCode.SOL_MAX_RT).serverId(server), ias);
    }

    /** Section 18.2.4: to the server that granted the leases. */
    ClientServerMessage renew(Duid server, List<IdentityAssociation> ias) {
        return withIas(base(DhcpV6MessageType.RENEW, DhcpV6OptionCode.SOL_MAX_RT).serverId(server), ias);
    }

    /** Section 18.2.5: to any server, so no Server Identifier. */
    ClientServerMessage rebind(List<IdentityAssociation> ias) {
        return withIas(base(DhcpV6MessageType.REBIND, DhcpV6OptionCode.SOL_MAX_RT), ias);
    }

    /** Section 18.2.3: the addresses to check, no Server Identifier, nothing requested. */
    ClientServerMessage confirm(List<IdentityAssociation> ias) {
        return withIas(base(DhcpV6MessageType.CONFIRM), ias);
    }

    /** Section 18.2.7: the leases given up, to the server that granted them. */
    ClientServerMessage release(Duid server, List<IdentityAssociation> ias) {
        return withIas(base(DhcpV6MessageType.RELEASE).serverId(server), ias);
    }

    /** Section 18.2.6: no IAs; asks for the refresh time and INF_MAX_RT (sections 21.23, 21.25). */
    ClientServerMessage informationRequest() {
        return base(DhcpV6MessageType.INFORMATION_REQUEST,
                DhcpV6OptionCode.INFORMATION_REFRESH_TIME, DhcpV6OptionCode.INF_MAX_RT).build();
    }

    private ClientServerMessage.Builder base(DhcpV6MessageType type, int... requiredOptions) {
        ClientServerMessage.Builder b = ClientServerMessage.builder(type).clientId(config.duid());
        b.add(new DhcpV6Option(DhcpV6OptionCode.ELAPSED_TIME, new byte[2]));
        Set<Integer> codes = new LinkedHashSet<>(config.optionRequest());
        for (int c : requiredOptions) {
            codes.add(c);
        }
        if (type != DhcpV6MessageType.CONFIRM && type != DhcpV6MessageType.RELEASE && !codes.isEmpty()) {
            b.add(new DhcpV6Option(DhcpV6OptionCode.ORO, oro(new ArrayList<>(codes))));
        }
        return b;
    }

    private static ClientServerMessage withIas(ClientServerMessage.Builder b, List<IdentityAssociation> ias) {
        for (IdentityAssociation ia : ias) {
            b.add(ia.toOption());
        }
        return b.build();
    }

    private static byte[] oro(List<Integer> codes) {
        byte[] out = new byte[codes.size() * 2];
        for (int i = 0; i < codes.size(); i++) {
            out[2 * i] = (byte) (codes.get(i) >>> 8);
            out[2 * i + 1] = (byte) (int) codes.get(i);
        }
        return out;
    }
}
