package org.dhcpcluster.node.edge.v6;

import java.util.List;
import java.util.Optional;
import org.dhcpcluster.lease.v6.Answer6.Granted6;
import org.dhcpcluster.lease.v6.Status6;
import org.dhcpcluster.lease.v6.policy.OptionData6;
import org.dhcpcluster.lease.v6.policy.Subnet6;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.Duid;
import org.dhcpcluster.protocol.v6.StatusCode;
import org.dhcpcluster.protocol.v6.option.IaAddress;
import org.dhcpcluster.protocol.v6.option.IaPrefix;
import org.dhcpcluster.protocol.v6.option.IaType;
import org.dhcpcluster.protocol.v6.option.IdentityAssociation;
import org.dhcpcluster.protocol.v6.option.StatusCodeOption;

/**
 * Builds ADVERTISE and REPLY messages (RFC 8415 section 18.3) from a request and what the
 * lease entities answered: the client's id echoed, the cluster's server id, each IA with its
 * items, T1/T2 and status, and the configured options the client asked for in its ORO.
 */
final class ReplyBuilder6 {
    private ReplyBuilder6() {
    }

    /** A reply carrying IAs; {@code rapidCommit} marks a SOLICIT answered with a committed REPLY. */
    static ClientServerMessage withIas(ClientServerMessage request, DhcpV6MessageType type, Duid server, Subnet6 subnet,
                                       List<IaOutcome> outcomes, int preference, boolean rapidCommit) {
        ClientServerMessage.Builder b = ClientServerMessage.replyTo(request, type).serverId(server);
        if (type.equals(DhcpV6MessageType.ADVERTISE)) {
            // Section 18.3.1: a Preference option lets clients pick; 255 means "take this one now".
            b.add(new DhcpV6Option(DhcpV6OptionCode.PREFERENCE, new byte[] {(byte) preference}));
        }
        if (rapidCommit) {
            b.add(new DhcpV6Option(DhcpV6OptionCode.RAPID_COMMIT, new byte[0]));
        }
        boolean releaseOrDecline = request.type().equals(DhcpV6MessageType.RELEASE) || request.type().equals(DhcpV6MessageType.DECLINE);
        if (releaseOrDecline) {
            // Sections 18.3.7 and 18.3.8: the message as a whole succeeded; IAs say what was not bound.
            b.status(StatusCode.SUCCESS, "done");
        }
        for (IaOutcome o : outcomes) {
            if (releaseOrDecline && o.answer().status() == Status6.SUCCESS) {
                continue;
            }
            b.add(ia(o, subnet).toOption());
        }
        addRequestedOptions(b, request, subnet);
        return b.build();
    }

    /** REPLY to CONFIRM (section 18.3.3): only a status saying whether the addresses fit the link. */
    static ClientServerMessage confirmed(ClientServerMessage request, Duid server, boolean onLink) {
        return ClientServerMessage.replyTo(request, DhcpV6MessageType.REPLY).serverId(server)
                .status(onLink ? StatusCode.SUCCESS : StatusCode.NOT_ON_LINK,
                        onLink ? "addresses are on link" : "addresses are not appropriate for this link")
                .build();
    }

    /** REPLY to INFORMATION-REQUEST (section 18.3.6): configuration only. */
    static ClientServerMessage information(ClientServerMessage request, Duid server, Subnet6 subnet) {
        ClientServerMessage.Builder b = ClientServerMessage.replyTo(request, DhcpV6MessageType.REPLY).serverId(server);
        addRequestedOptions(b, request, subnet);
        return b.build();
    }

    private static IdentityAssociation ia(IaOutcome o, Subnet6 subnet) {
        IdentityAssociation asked = o.requested();
        DhcpV6Options.Builder inner = DhcpV6Options.builder();
        boolean anyValid = false;
        for (Granted6 g : o.answer().items()) {
            anyValid |= g.validLifetime() > 0;
            if (asked.type() == IaType.PD) {
                inner.add(new IaPrefix(g.preferredLifetime(), g.validLifetime(), g.length(), g.item().toInet6()).toOption());
            } else {
                inner.add(new IaAddress(g.item().toInet6(), g.preferredLifetime(), g.validLifetime()).toOption());
            }
        }
        if (o.answer().status() != Status6.SUCCESS) {
            inner.add(new StatusCodeOption(StatusCode.valueOf(o.answer().status().code()),
                    Optional.ofNullable(o.answer().message()).orElse("")).toOption());
        }
        long t1 = anyValid ? subnet.lifetimes().t1() : 0;
        long t2 = anyValid ? subnet.lifetimes().t2() : 0;
        return switch (asked.type()) {
            case NA -> IdentityAssociation.na(asked.iaid(), t1, t2, inner.build());
            case TA -> IdentityAssociation.ta(asked.iaid(), inner.build());
            case PD -> IdentityAssociation.pd(asked.iaid(), t1, t2, inner.build());
        };
    }

    private static void addRequestedOptions(ClientServerMessage.Builder b, ClientServerMessage request, Subnet6 subnet) {
        List<Integer> oro = request.optionRequest();
        for (OptionData6 o : subnet.options()) {
            if (oro.contains(o.code())) {
                b.add(new DhcpV6Option(o.code(), o.value()));
            }
        }
    }
}
