package org.dhcpcluster.client.v4;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.OptionCode;

/**
 * The messages a DHCPv4 client sends, with the fields RFC 2131 section 4.4.1, table 5, sets
 * for each: which carry ciaddr, which name the server, which ask for an address. One place,
 * so the state machine never assembles a message field by field.
 */
final class ClientMessages {
    private final DhcpV4ClientConfig config;

    ClientMessages(DhcpV4ClientConfig config) {
        this.config = config;
    }

    /** DHCPDISCOVER: may suggest the previous address (option 50); never names a server. */
    DhcpV4Message discover(int xid, int secs, Optional<Inet4Address> previousAddress) {
        DhcpV4Message.Builder b = withParameters(base(DhcpMessageType.DISCOVER, xid, secs))
                .broadcast(config.broadcastFlag());
        previousAddress.ifPresent(a -> b.address(OptionCode.REQUESTED_IP_ADDRESS, a));
        return b.build();
    }

    /** DHCPREQUEST in SELECTING: the offered address and the chosen server, both MUST; ciaddr zero. */
    DhcpV4Message selectingRequest(int xid, int secs, Inet4Address offered, Inet4Address server) {
        return withParameters(base(DhcpMessageType.REQUEST, xid, secs))
                .broadcast(config.broadcastFlag())
                .address(OptionCode.REQUESTED_IP_ADDRESS, offered)
                .address(OptionCode.SERVER_IDENTIFIER, server)
                .build();
    }

    /** DHCPREQUEST in INIT-REBOOT: the remembered address (MUST); no server identifier (MUST NOT). */
    DhcpV4Message rebootRequest(int xid, int secs, Inet4Address remembered) {
        return withParameters(base(DhcpMessageType.REQUEST, xid, secs))
                .broadcast(config.broadcastFlag())
                .address(OptionCode.REQUESTED_IP_ADDRESS, remembered)
                .build();
    }

    /** DHCPREQUEST in RENEWING or REBINDING: the address in ciaddr; neither option 50 nor 54 (MUST NOT). */
    DhcpV4Message renewalRequest(int xid, int secs, Inet4Address leased) {
        return withParameters(base(DhcpMessageType.REQUEST, xid, secs)).ciaddr(leased).build();
    }

    /** DHCPDECLINE (section 4.4.1, table 5): the declined address in option 50, the server in 54; secs zero. */
    DhcpV4Message decline(int xid, Inet4Address declined, Inet4Address server) {
        return base(DhcpMessageType.DECLINE, xid, 0)
                .address(OptionCode.REQUESTED_IP_ADDRESS, declined)
                .address(OptionCode.SERVER_IDENTIFIER, server)
                .option(OptionCode.MESSAGE, "address in use".getBytes(StandardCharsets.US_ASCII))
                .build();
    }

    /** DHCPRELEASE (section 4.4.6): the address in ciaddr, the server in option 54; secs zero. */
    DhcpV4Message release(int xid, Inet4Address leased, Inet4Address server) {
        return base(DhcpMessageType.RELEASE, xid, 0)
                .ciaddr(leased)
                .address(OptionCode.SERVER_IDENTIFIER, server)
                .build();
    }

    private DhcpV4Message.Builder base(DhcpMessageType type, int xid, int secs) {
        DhcpV4Message.Builder b = DhcpV4Message.builder()
                .op(DhcpV4Message.BOOTREQUEST)
                .htype(DhcpV4Message.HTYPE_ETHERNET)
                .clientHardwareAddress(config.hardwareAddress())
                .xid(xid)
                .secs(secs)
                .messageType(type);
        config.clientIdentifier().ifPresent(id -> b.option(OptionCode.CLIENT_IDENTIFIER, id.toOptionValue()));
        return b;
    }

    /** Options for messages that get a configuration back: host name and the parameter request list. */
    private DhcpV4Message.Builder withParameters(DhcpV4Message.Builder b) {
        config.hostName().ifPresent(n -> b.option(OptionCode.HOST_NAME, n.getBytes(StandardCharsets.US_ASCII)));
        if (!config.parameterRequestList().isEmpty()) {
            byte[] codes = new byte[config.parameterRequestList().size()];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = (byte) (int) config.parameterRequestList().get(i);
            }
            b.option(OptionCode.PARAMETER_REQUEST_LIST, codes);
        }
        return b;
    }
}
