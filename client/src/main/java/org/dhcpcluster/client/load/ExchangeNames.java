package org.dhcpcluster.client.load;

import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;

/**
 * Names for the exchanges a load report lists, from the message that opens them, in
 * perfdhcp's style ("DISCOVER-OFFER"). A DHCPREQUEST with ciaddr set renews or rebinds
 * (RFC 2131 table 4), the others select or reboot: they are told apart because their latencies
 * mean different things. Null: no reply is awaited.
 *
 * <p>A reply is matched to its exchange by transaction id and by its kind, the part of the
 * name after the last dash: a DHCPv4 DISCOVER and the REQUEST that follows it share one xid
 * (RFC 2131 section 4.4.1), so a late second OFFER must not pass for the ACK.
 */
public final class ExchangeNames {
    private ExchangeNames() {
    }

    public static String v4(DhcpV4Message sent) {
        DhcpMessageType t = sent.messageType().orElse(null);
        if (DhcpMessageType.DISCOVER.equals(t)) {
            return "DISCOVER-OFFER";
        }
        if (DhcpMessageType.REQUEST.equals(t)) {
            return Ipv4.isUnspecified(sent.ciaddr()) ? "REQUEST-ACK" : "RENEW-ACK";
        }
        if (DhcpMessageType.INFORM.equals(t)) {
            return "INFORM-ACK";
        }
        return null;
    }

    public static String v6(ClientServerMessage sent) {
        DhcpV6MessageType t = sent.type();
        if (DhcpV6MessageType.SOLICIT.equals(t)) {
            return "SOLICIT-ADVERTISE";
        }
        for (DhcpV6MessageType replied : new DhcpV6MessageType[] {DhcpV6MessageType.REQUEST, DhcpV6MessageType.RENEW,
                DhcpV6MessageType.REBIND, DhcpV6MessageType.RELEASE, DhcpV6MessageType.CONFIRM,
                DhcpV6MessageType.DECLINE, DhcpV6MessageType.INFORMATION_REQUEST}) {
            if (replied.equals(t)) {
                return t.name() + "-REPLY";
            }
        }
        return null;
    }

    /** The kind of reply that completes an exchange: OFFER, ACK, ADVERTISE or REPLY. */
    public static String replyKind(String exchange) {
        return exchange.substring(exchange.lastIndexOf('-') + 1);
    }

    /** The kind of a DHCPv4 reply (a DHCPNAK answers what a DHCPACK would), or null for anything else. */
    public static String replyKind(DhcpV4Message reply) {
        DhcpMessageType t = reply.messageType().orElse(null);
        if (DhcpMessageType.OFFER.equals(t)) {
            return "OFFER";
        }
        return DhcpMessageType.ACK.equals(t) || DhcpMessageType.NAK.equals(t) ? "ACK" : null;
    }

    /** The kind of a DHCPv6 reply, or null for a message that answers nothing. */
    public static String replyKind(ClientServerMessage reply) {
        if (DhcpV6MessageType.ADVERTISE.equals(reply.type())) {
            return "ADVERTISE";
        }
        return DhcpV6MessageType.REPLY.equals(reply.type()) ? "REPLY" : null;
    }
}
