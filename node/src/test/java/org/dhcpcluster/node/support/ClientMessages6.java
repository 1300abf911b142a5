package org.dhcpcluster.node.support;

import java.net.Inet6Address;
import java.util.List;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.Duid;
import org.dhcpcluster.protocol.v6.Ipv6;
import org.dhcpcluster.protocol.v6.option.IaAddress;
import org.dhcpcluster.protocol.v6.option.IaPrefix;
import org.dhcpcluster.protocol.v6.option.IdentityAssociation;

/**
 * The messages one simulated DHCPv6 client sends (RFC 8415 section 18.2), with a DUID-LL
 * made from its number, IA_NA 1 and optionally IA_PD 1, and a fresh transaction id per exchange.
 */
public final class ClientMessages6 {
    private final Duid duid;
    private final Inet6Address linkLocal;
    private final boolean withPrefix;
    private int xid;

    public ClientMessages6(int n, boolean withPrefix) {
        this.duid = Duid.ll(1, new byte[] {2, 0, 0, 0, (byte) (n >> 8), (byte) n});
        this.linkLocal = Ipv6.parse("fe80::" + Integer.toHexString(n + 1));
        this.withPrefix = withPrefix;
        this.xid = (n * 7919) & 0xFFFF;
    }

    public Duid duid() {
        return duid;
    }

    public Inet6Address linkLocal() {
        return linkLocal;
    }

    private ClientServerMessage.Builder base(DhcpV6MessageType type, boolean newTransaction) {
        if (newTransaction) {
            xid = (xid + 1) & 0xFF_FFFF;
        }
        return ClientServerMessage.builder(type).transactionId(xid).clientId(duid)
                .add(new DhcpV6Option(DhcpV6OptionCode.ELAPSED_TIME, new byte[] {0, 0}))
                .add(new DhcpV6Option(DhcpV6OptionCode.ORO, new byte[] {0, 23, 0, 24}));
    }

    private void addIas(ClientServerMessage.Builder b, List<IaAddress> addresses, List<IaPrefix> prefixes) {
        DhcpV6Options.Builder na = DhcpV6Options.builder();
        addresses.forEach(a -> na.add(a.toOption()));
        b.add(IdentityAssociation.na(1, 0, 0, na.build()).toOption());
        if (withPrefix) {
            DhcpV6Options.Builder pd = DhcpV6Options.builder();
            prefixes.forEach(p -> pd.add(p.toOption()));
            b.add(IdentityAssociation.pd(1, 0, 0, pd.build()).toOption());
        }
    }

    public ClientServerMessage solicit(boolean rapidCommit) {
        ClientServerMessage.Builder b = base(DhcpV6MessageType.SOLICIT, true);
        if (rapidCommit) {
            b.add(new DhcpV6Option(DhcpV6OptionCode.RAPID_COMMIT, new byte[0]));
        }
        addIas(b, List.of(), List.of());
        return b.build();
    }

    /** REQUEST, RENEW, RELEASE or DECLINE for what an earlier reply gave (its IAs are echoed). */
    public ClientServerMessage toServer(DhcpV6MessageType type, ClientServerMessage fromServer) {
        ClientServerMessage.Builder b = base(type, true).serverId(fromServer.serverId().orElseThrow());
        addIas(b, fromServer.iaNa().isEmpty() ? List.of() : fromServer.iaNa().get(0).addresses(),
                fromServer.iaPd().isEmpty() ? List.of() : fromServer.iaPd().get(0).prefixes());
        return b.build();
    }

    /** REBIND or CONFIRM (no server id) listing the addresses of an earlier reply. */
    public ClientServerMessage toAllServers(DhcpV6MessageType type, List<IaAddress> addresses) {
        ClientServerMessage.Builder b = base(type, true);
        DhcpV6Options.Builder na = DhcpV6Options.builder();
        addresses.forEach(a -> na.add(a.toOption()));
        b.add(IdentityAssociation.na(1, 0, 0, na.build()).toOption());
        return b.build();
    }

    public ClientServerMessage informationRequest() {
        return base(DhcpV6MessageType.INFORMATION_REQUEST, true).build();
    }
}
