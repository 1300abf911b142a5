package org.dhcpcluster.protocol.v6;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.dhcpcluster.protocol.v6.option.Authentication;
import org.dhcpcluster.protocol.v6.option.ClientLinkLayerAddress;
import org.dhcpcluster.protocol.v6.option.DomainNames;
import org.dhcpcluster.protocol.v6.option.IaType;
import org.dhcpcluster.protocol.v6.option.IdentityAssociation;
import org.dhcpcluster.protocol.v6.option.RemoteId;
import org.dhcpcluster.protocol.v6.option.StatusCodeOption;
import org.dhcpcluster.protocol.v6.option.UserClass;
import org.dhcpcluster.protocol.v6.option.VendorClass;
import org.dhcpcluster.protocol.v6.option.VendorOptions;

/**
 * Typed getters over a message's options, shared by every message that carries options
 * (client/server, relay, 4o6). Each cites the section defining the option.
 *
 * <p>Absent and malformed stay apart: a getter returns empty (or an empty list) only when the
 * option is absent. A decoded message never holds a malformed option the table knows (the
 * decoder dropped it and listed it in {@code droppedOptions()}, or refused the message), so
 * on decoded messages these getters cannot fail. On a hand-built message with a malformed
 * value they throw {@link IllegalArgumentException} saying what is wrong.
 *
 * <p>Where RFC 8415 allows one instance, the first is returned; where it allows several
 * (IAs, vendor class, vendor options), all are, in order.
 */
public interface OptionAccessors {

    DhcpV6Options options();

    /** RFC 8415 21.2: the client's DUID, the lease key with the IAID. */
    default Optional<Duid> clientId() {
        return options().get(DhcpV6OptionCode.CLIENTID).map(Duid::of);
    }

    /** RFC 8415 21.3: the server the message is for (REQUEST, RENEW, RELEASE, DECLINE) or from. */
    default Optional<Duid> serverId() {
        return options().get(DhcpV6OptionCode.SERVERID).map(Duid::of);
    }

    /** RFC 8415 21.4, 21.5, 21.21: every IA of one type, in order (a client may send several). */
    default List<IdentityAssociation> identityAssociations(IaType type) {
        List<IdentityAssociation> out = new ArrayList<>();
        for (DhcpV6Option o : options().all(type.optionCode())) {
            out.add(IdentityAssociation.fromOption(o));
        }
        return out;
    }

    /** RFC 8415 21.4. */
    default List<IdentityAssociation> iaNa() {
        return identityAssociations(IaType.NA);
    }

    /** RFC 8415 21.5. */
    default List<IdentityAssociation> iaTa() {
        return identityAssociations(IaType.TA);
    }

    /** RFC 8415 21.21. */
    default List<IdentityAssociation> iaPd() {
        return identityAssociations(IaType.PD);
    }

    /** RFC 8415 21.7: the option codes the client asks for, in its order; empty when it sent no ORO. */
    default List<Integer> optionRequest() {
        Optional<byte[]> v = options().get(DhcpV6OptionCode.ORO);
        if (v.isEmpty()) {
            return List.of();
        }
        byte[] b = v.get();
        if (b.length % 2 != 0) {
            throw new IllegalArgumentException("ORO must be a whole number of 2-octet codes, got " + b.length + " octets");
        }
        List<Integer> codes = new ArrayList<>(b.length / 2);
        for (int i = 0; i < b.length; i += 2) {
            codes.add(BigEndian.u16(b, i));
        }
        return codes;
    }

    /** RFC 8415 21.8: the server's preference, 0..255, in ADVERTISE. */
    default OptionalInt preference() {
        return fixed(DhcpV6OptionCode.PREFERENCE, 1).map(b -> OptionalInt.of(BigEndian.u8(b, 0))).orElse(OptionalInt.empty());
    }

    /** RFC 8415 21.9: time since the client began this exchange, in hundredths of a second (0xffff: longer). */
    default OptionalInt elapsedTime() {
        return fixed(DhcpV6OptionCode.ELAPSED_TIME, 2).map(b -> OptionalInt.of(BigEndian.u16(b, 0))).orElse(OptionalInt.empty());
    }

    /** RFC 8415 21.11. */
    default Optional<Authentication> authentication() {
        return options().option(DhcpV6OptionCode.AUTH).map(Authentication::fromOption);
    }

    /** RFC 8415 21.12: the address the server lets the client unicast to. */
    default Optional<Inet6Address> serverUnicast() {
        return fixed(DhcpV6OptionCode.UNICAST, 16).map(Ipv6::fromBytes);
    }

    /** RFC 8415 21.13: the message-level status (the IA-level one is on {@link IdentityAssociation#status()}). */
    default Optional<StatusCodeOption> statusCode() {
        return options().option(DhcpV6OptionCode.STATUS_CODE).map(StatusCodeOption::fromOption);
    }

    /** RFC 8415 21.14: the client accepts a two-message exchange (SOLICIT answered by REPLY). */
    default boolean rapidCommit() {
        return options().contains(DhcpV6OptionCode.RAPID_COMMIT);
    }

    /** RFC 8415 21.15. */
    default Optional<UserClass> userClass() {
        return options().option(DhcpV6OptionCode.USER_CLASS).map(UserClass::fromOption);
    }

    /** RFC 8415 21.16: one per vendor. */
    default List<VendorClass> vendorClasses() {
        return options().all(DhcpV6OptionCode.VENDOR_CLASS).stream().map(VendorClass::fromOption).toList();
    }

    /** RFC 8415 21.17: one per vendor. */
    default List<VendorOptions> vendorOptions() {
        return options().all(DhcpV6OptionCode.VENDOR_OPTS).stream().map(VendorOptions::fromOption).toList();
    }

    /** RFC 8415 21.18: the relay's name for the interface the message came in on; the server echoes it. */
    default Optional<byte[]> interfaceId() {
        return options().get(DhcpV6OptionCode.INTERFACE_ID);
    }

    /** RFC 8415 21.19: in RECONFIGURE, the message the client must send (RENEW, REBIND or INFORMATION-REQUEST). */
    default Optional<DhcpV6MessageType> reconfigureMessage() {
        return fixed(DhcpV6OptionCode.RECONF_MSG, 1).map(b -> DhcpV6MessageType.valueOf(BigEndian.u8(b, 0)));
    }

    /** RFC 8415 21.20: the client will accept RECONFIGURE messages. */
    default boolean reconfigureAccept() {
        return options().contains(DhcpV6OptionCode.RECONF_ACCEPT);
    }

    /** RFC 3646 section 3: recursive DNS servers, in preference order; empty when absent. */
    default List<Inet6Address> dnsServers() {
        return addresses(DhcpV6OptionCode.DNS_SERVERS).orElse(List.of());
    }

    /** RFC 3646 section 4: the domain search list; empty when absent. */
    default List<String> domainSearchList() {
        return options().get(DhcpV6OptionCode.DOMAIN_LIST).map(DomainNames::read).orElse(List.of());
    }

    /** RFC 8415 21.23: seconds until a stateless client should ask again. */
    default OptionalLong informationRefreshTime() {
        return uint32(DhcpV6OptionCode.INFORMATION_REFRESH_TIME);
    }

    /** RFC 4649: the relay's remote-id (read it on the relay layer, see {@link RelayHop}). */
    default Optional<RemoteId> remoteId() {
        return options().option(DhcpV6OptionCode.REMOTE_ID).map(RemoteId::fromOption);
    }

    /** RFC 4580: the relay's subscriber-id. */
    default Optional<byte[]> subscriberId() {
        return options().get(DhcpV6OptionCode.SUBSCRIBER_ID);
    }

    /** RFC 6939: the client's link-layer address, as the first-hop relay saw it. */
    default Optional<ClientLinkLayerAddress> clientLinkLayerAddress() {
        return options().option(DhcpV6OptionCode.CLIENT_LINKLAYER_ADDR).map(ClientLinkLayerAddress::fromOption);
    }

    /** RFC 8415 21.24: the SOLICIT retransmission ceiling the server imposes, 60..86400 seconds. */
    default OptionalLong solMaxRt() {
        return uint32(DhcpV6OptionCode.SOL_MAX_RT);
    }

    /** RFC 8415 21.25: the INFORMATION-REQUEST retransmission ceiling, 60..86400 seconds. */
    default OptionalLong infMaxRt() {
        return uint32(DhcpV6OptionCode.INF_MAX_RT);
    }

    /** RFC 7341 section 7.1: the DHCPv4 message a DHCPV4-QUERY or DHCPV4-RESPONSE carries, as raw DHCPv4 octets. */
    default Optional<byte[]> dhcpV4Message() {
        return options().get(DhcpV6OptionCode.DHCPV4_MSG);
    }

    /**
     * RFC 7341 section 8: the 4o6 servers' addresses. Present but empty is meaningful
     * ("send DHCPV4-QUERY to the multicast address"), so absent is an empty Optional instead.
     */
    default Optional<List<Inet6Address>> dhcp4o6ServerAddresses() {
        return addresses(DhcpV6OptionCode.DHCP4_O_DHCP6_SERVER);
    }

    private Optional<byte[]> fixed(int code, int length) {
        Optional<byte[]> v = options().get(code);
        if (v.isPresent() && v.get().length != length) {
            throw new IllegalArgumentException("option " + code + " must be exactly " + length + " octets, got " + v.get().length);
        }
        return v;
    }

    private OptionalLong uint32(int code) {
        return fixed(code, 4).map(b -> OptionalLong.of(BigEndian.u32(b, 0))).orElse(OptionalLong.empty());
    }

    private Optional<List<Inet6Address>> addresses(int code) {
        Optional<byte[]> v = options().get(code);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        byte[] b = v.get();
        if (b.length % Ipv6.LENGTH != 0) {
            throw new IllegalArgumentException("option " + code + " must be a whole number of 16-octet addresses, got "
                    + b.length + " octets");
        }
        List<Inet6Address> out = new ArrayList<>(b.length / Ipv6.LENGTH);
        for (int i = 0; i < b.length; i += Ipv6.LENGTH) {
            out.add(Ipv6.fromBytes(b, i));
        }
        return Optional.of(out);
    }
}
