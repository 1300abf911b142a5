package org.dhcpcluster.client.load;

import java.net.Inet4Address;
import java.util.Optional;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.OptionCode;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6Message;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.Duid;
import org.dhcpcluster.protocol.v6.Ipv6;
import org.dhcpcluster.protocol.v6.codec.DhcpV6Codec;
import org.dhcpcluster.protocol.v6.option.IaAddress;
import org.dhcpcluster.protocol.v6.option.IdentityAssociation;

/**
 * Answers a client's datagram in-process with the encoded reply a plain server would send
 * (OFFER and ACK; ADVERTISE and REPLY with one address per IA_NA), so that {@link SelfWarmUp}
 * can run the load generator's own code without a network. Not a server: no pools, no
 * bindings, addresses made up from the client's identity; documentation prefixes only.
 */
final class LoopbackResponder {
    private static final Inet4Address SERVER_ID = Ipv4.parse("192.0.2.1");
    private static final Inet4Address MASK = Ipv4.parse("255.254.0.0");
    private static final Duid SERVER_DUID = Duid.en(32473, new byte[] {1});   // 32473: the documentation enterprise number

    private LoopbackResponder() {
    }

    /** The encoded reply to a DHCPv4 client message, if it awaits one. */
    static Optional<byte[]> answerV4(byte[] datagram) {
        DhcpV4Message m;
        try {
            m = DhcpV4Codec.decode(datagram);
        } catch (DecodeException e) {
            return Optional.empty();
        }
        DhcpMessageType t = m.messageType().orElse(null);
        DhcpMessageType replyType = DhcpMessageType.DISCOVER.equals(t) ? DhcpMessageType.OFFER
                : DhcpMessageType.REQUEST.equals(t) ? DhcpMessageType.ACK : null;
        if (replyType == null) {
            return Optional.empty();
        }
        byte[] mac = m.clientHardwareAddress();
        Inet4Address address = m.requestedIpAddress().orElse(Ipv4.isUnspecified(m.ciaddr())
                ? Ipv4.fromInt(0xC6120000 | (mac[4] & 0xff) << 8 | (mac[5] & 0xff)) : m.ciaddr());   // 198.18.0.0/15
        return Optional.of(DhcpV4Codec.encode(DhcpV4Message.replyTo(m).yiaddr(address).ciaddr(m.ciaddr())
                .messageType(replyType).address(OptionCode.SERVER_IDENTIFIER, SERVER_ID)
                .uint32(OptionCode.IP_ADDRESS_LEASE_TIME, 3600).address(OptionCode.SUBNET_MASK, MASK).build(),
                DhcpV4Codec.DEFAULT_MAX_PAYLOAD));
    }

    /** The encoded reply to a DHCPv6 client message: ADVERTISE to SOLICIT, REPLY to the rest. */
    static Optional<byte[]> answerV6(byte[] datagram) {
        DhcpV6Message m;
        try {
            m = DhcpV6Codec.decode(datagram);
        } catch (DecodeException e) {
            return Optional.empty();
        }
        if (!(m instanceof ClientServerMessage request)) {
            return Optional.empty();
        }
        boolean solicit = DhcpV6MessageType.SOLICIT.equals(request.type());
        ClientServerMessage.Builder b = ClientServerMessage.replyTo(request,
                solicit ? DhcpV6MessageType.ADVERTISE : DhcpV6MessageType.REPLY).serverId(SERVER_DUID);
        if (solicit) {
            b.add(new DhcpV6Option(DhcpV6OptionCode.PREFERENCE, new byte[] {(byte) 255}));
        }
        if (!DhcpV6MessageType.RELEASE.equals(request.type())) {
            byte[] id = request.clientId().map(Duid::bytes).orElse(new byte[2]);
            byte[] a = Ipv6.parse("2001:db8:ffff::").getAddress();
            a[14] = id[id.length - 2];
            a[15] = id[id.length - 1];
            for (IdentityAssociation ia : request.iaNa()) {
                b.add(IdentityAssociation.na(ia.iaid(), 1000, 2000,
                        DhcpV6Options.of(new IaAddress(Ipv6.fromBytes(a), 3000, 4000).toOption())).toOption());
            }
        }
        return Optional.of(DhcpV6Codec.encode(b.build()));
    }
}
