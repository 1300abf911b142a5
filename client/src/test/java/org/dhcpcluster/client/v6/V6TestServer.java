package org.dhcpcluster.client.v6;

import java.net.Inet6Address;
import java.util.Optional;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.Duid;
import org.dhcpcluster.protocol.v6.StatusCode;
import org.dhcpcluster.protocol.v6.codec.DhcpV6Codec;
import org.dhcpcluster.protocol.v6.option.IaAddress;
import org.dhcpcluster.protocol.v6.option.IaPrefix;
import org.dhcpcluster.protocol.v6.option.IdentityAssociation;
import org.dhcpcluster.protocol.v6.option.StatusCodeOption;

/**
 * A tiny DHCPv6 server for the client tests: it answers a decoded client message with an
 * encoded ADVERTISE or REPLY carrying exactly the IAs and statuses a test asks for.
 */
final class V6TestServer {
    private final Duid id;
    private Optional<Inet6Address> unicast = Optional.empty();

    V6TestServer(int n) {
        this.id = Duid.en(32473, new byte[] {(byte) n});     // 32473: the documentation enterprise number
    }

    Duid id() {
        return id;
    }

    /** Makes every answer carry a Server Unicast option (RFC 8415 section 21.12). */
    V6TestServer allowingUnicastTo(Inet6Address address) {
        unicast = Optional.of(address);
        return this;
    }

    static IdentityAssociation na(long iaid, long t1, long t2, IaAddress... addresses) {
        DhcpV6Options.Builder b = DhcpV6Options.builder();
        for (IaAddress a : addresses) {
            b.add(a.toOption());
        }
        return IdentityAssociation.na(iaid, t1, t2, b.build());
    }

    static IdentityAssociation pd(long iaid, long t1, long t2, IaPrefix... prefixes) {
        DhcpV6Options.Builder b = DhcpV6Options.builder();
        for (IaPrefix p : prefixes) {
            b.add(p.toOption());
        }
        return IdentityAssociation.pd(iaid, t1, t2, b.build());
    }

    /** An IA holding only a Status Code, as a server says NoAddrsAvail or NoBinding for it. */
    static IdentityAssociation status(IaKey key, StatusCode code) {
        return new IdentityAssociation(key.type(), key.iaid(), 0, 0,
                DhcpV6Options.of(new StatusCodeOption(code, code.name()).toOption()));
    }

    byte[] advertise(ClientServerMessage solicit, int preference, IdentityAssociation... ias) {
        ClientServerMessage.Builder b = answer(solicit, DhcpV6MessageType.ADVERTISE, ias);
        b.add(new DhcpV6Option(DhcpV6OptionCode.PREFERENCE, new byte[] {(byte) preference}));
        return DhcpV6Codec.encode(b.build());
    }

    byte[] reply(ClientServerMessage request, IdentityAssociation... ias) {
        return DhcpV6Codec.encode(answer(request, DhcpV6MessageType.REPLY, ias).build());
    }

    /** A REPLY to a rapid-commit SOLICIT: it carries Rapid Commit itself (RFC 8415 section 18.3.1). */
    byte[] rapidCommitReply(ClientServerMessage solicit, IdentityAssociation... ias) {
        return DhcpV6Codec.encode(answer(solicit, DhcpV6MessageType.REPLY, ias)
                .add(new DhcpV6Option(DhcpV6OptionCode.RAPID_COMMIT, new byte[0])).build());
    }

    /** A REPLY with a message-level Status Code and nothing else. */
    byte[] replyStatus(ClientServerMessage request, StatusCode code) {
        return DhcpV6Codec.encode(answer(request, DhcpV6MessageType.REPLY).status(code, code.name()).build());
    }

    /** A REPLY with extra options (for INFORMATION-REQUEST: DNS servers, refresh time ...). */
    byte[] replyWith(ClientServerMessage request, DhcpV6Option... options) {
        ClientServerMessage.Builder b = answer(request, DhcpV6MessageType.REPLY);
        for (DhcpV6Option o : options) {
            b.add(o);
        }
        return DhcpV6Codec.encode(b.build());
    }

    private ClientServerMessage.Builder answer(ClientServerMessage request, DhcpV6MessageType type, IdentityAssociation... ias) {
        ClientServerMessage.Builder b = ClientServerMessage.replyTo(request, type).serverId(id);
        unicast.ifPresent(u -> b.add(new DhcpV6Option(DhcpV6OptionCode.UNICAST, u.getAddress())));
        for (IdentityAssociation ia : ias) {
            b.add(ia.toOption());
        }
        return b;
    }
}
