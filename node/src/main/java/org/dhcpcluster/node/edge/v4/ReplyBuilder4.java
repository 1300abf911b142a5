package org.dhcpcluster.node.edge.v4;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dhcpcluster.lease.v4.policy.Reservation4;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.DhcpV4Option;
import org.dhcpcluster.protocol.v4.DhcpV4Options;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.OptionCode;

/**
 * Builds DHCPOFFER, DHCPACK and DHCPNAK from a request, following RFC 2131 section 4.3.1
 * table 3. Pure: no clock, no I/O.
 *
 * <p>Options: the message type and server identifier first; then lease time, T1 and T2 for
 * a lease; then the subnet mask; then, in the client's parameter request list order, every
 * requested option the configuration has (a reservation's value wins over the subnet's). A
 * client that sends no request list gets every configured option, as ISC DHCP does. The
 * client identifier is echoed (RFC 6842) and relay agent information is returned unchanged
 * (RFC 3046 section 2.2).
 */
public final class ReplyBuilder4 {
    private ReplyBuilder4() {
    }

    public static DhcpV4Message offer(DhcpV4Message request, Inet4Address serverId, Subnet4 subnet,
                                      Optional<Reservation4> reservation, int address, long leaseSeconds) {
        return lease(DhcpMessageType.OFFER, request, serverId, subnet, reservation, address, leaseSeconds);
    }

    public static DhcpV4Message ack(DhcpV4Message request, Inet4Address serverId, Subnet4 subnet,
                                    Optional<Reservation4> reservation, int address, long leaseSeconds) {
        return lease(DhcpMessageType.ACK, request, serverId, subnet, reservation, address, leaseSeconds);
    }

    /** DHCPACK to a DHCPINFORM (RFC 2131 section 4.3.5): configuration only, no lease, no yiaddr. */
    public static DhcpV4Message informAck(DhcpV4Message request, Inet4Address serverId, Subnet4 subnet,
                                          Optional<Reservation4> reservation) {
        DhcpV4Message.Builder b = DhcpV4Message.replyTo(request)
                .ciaddr(request.ciaddr())
                .siaddr(subnet.nextServer())
                .messageType(DhcpMessageType.ACK)
                .address(OptionCode.SERVER_IDENTIFIER, serverId)
                .address(OptionCode.SUBNET_MASK, Ipv4.fromInt(subnet.prefix().mask()));
        addConfigured(b, request, subnet, reservation);
        echo(b, request);
        return b.build();
    }

    /**
     * DHCPNAK (RFC 2131 section 4.3.2): no address, no configuration, the reason as option 56.
     * Through a relay the broadcast bit is set so the relay broadcasts it to a client that may
     * have no usable address.
     */
    public static DhcpV4Message nak(DhcpV4Message request, Inet4Address serverId, String reason) {
        DhcpV4Message.Builder b = DhcpV4Message.replyTo(request)
                .messageType(DhcpMessageType.NAK)
                .address(OptionCode.SERVER_IDENTIFIER, serverId)
                .option(OptionCode.MESSAGE, reason.getBytes(StandardCharsets.US_ASCII));
        if (!Ipv4.isUnspecified(request.giaddr())) {
            b.broadcast(true);
        }
        echo(b, request);
        return b.build();
    }

    private static DhcpV4Message lease(DhcpMessageType type, DhcpV4Message request, Inet4Address serverId,
                                       Subnet4 subnet, Optional<Reservation4> reservation, int address, long leaseSeconds) {
        DhcpV4Message.Builder b = DhcpV4Message.replyTo(request)
                .yiaddr(Ipv4.fromInt(address))
                .siaddr(subnet.nextServer())
                .messageType(type)
                .address(OptionCode.SERVER_IDENTIFIER, serverId)
                .uint32(OptionCode.IP_ADDRESS_LEASE_TIME, leaseSeconds)
                .uint32(OptionCode.RENEWAL_TIME, subnet.leaseTimes().renewalFor(leaseSeconds))
                .uint32(OptionCode.REBINDING_TIME, subnet.leaseTimes().rebindingFor(leaseSeconds))
                .address(OptionCode.SUBNET_MASK, Ipv4.fromInt(subnet.prefix().mask()));
        if (type.equals(DhcpMessageType.ACK)) {
            // INIT-REBOOT and RENEWING clients send ciaddr; an ACK to them carries it back.
            b.ciaddr(request.ciaddr());
        }
        addConfigured(b, request, subnet, reservation);
        echo(b, request);
        return b.build();
    }

    private static void addConfigured(DhcpV4Message.Builder b, DhcpV4Message request, Subnet4 subnet,
                                      Optional<Reservation4> reservation) {
        DhcpV4Options configured = merged(subnet, reservation);
        List<Integer> prl = request.parameterRequestList();
        Set<Integer> wanted = new LinkedHashSet<>(prl);
        if (prl.isEmpty()) {
            configured.all().forEach(o -> wanted.add(o.code()));
        }
        for (int code : wanted) {
            if (b.hasOption(code)) {
                continue;
            }
            configured.option(code).ifPresent(o -> b.option(o.code(), o.value()));
        }
    }

    private static DhcpV4Options merged(Subnet4 subnet, Optional<Reservation4> reservation) {
        if (reservation.isEmpty()) {
            return subnet.options();
        }
        DhcpV4Options.Builder m = subnet.options().toBuilder();
        for (DhcpV4Option o : reservation.get().options().all()) {
            m.put(o);
        }
        reservation.get().hostName().ifPresent(h -> m.put(OptionCode.HOST_NAME, h.getBytes(StandardCharsets.US_ASCII)));
        return m.build();
    }

    private static void echo(DhcpV4Message.Builder b, DhcpV4Message request) {
        request.options().option(OptionCode.CLIENT_IDENTIFIER).ifPresent(o -> b.option(o.code(), o.value()));
        request.options().option(OptionCode.RELAY_AGENT_INFORMATION).ifPresent(o -> b.option(o.code(), o.value()));
    }
}
