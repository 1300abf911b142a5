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
}
