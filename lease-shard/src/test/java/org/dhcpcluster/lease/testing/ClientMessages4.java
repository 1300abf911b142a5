package org.dhcpcluster.lease.testing;

import java.net.Inet4Address;
import java.util.concurrent.atomic.AtomicInteger;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.OptionCode;

/**
 * DHCPv4 client messages as RFC 2131 section 4.4 clients send them, one instance per
 * simulated client (a hardware address and a transaction id counter).
 */
public final class ClientMessages4 {
    private static final AtomicInteger XIDS = new AtomicInteger(0x1000);
    private static final byte[] PRL = {1, 3, 6, 15, 51, 54, 58, 59};

    private final byte[] mac;
    private int xid = XIDS.incrementAndGet();
    private Inet4Address giaddr = Ipv4.ANY;
    private byte[] clientId;

    public ClientMessages4(int n) {
        this.mac = new byte[] {0x02, 0, 0, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    public String macText() {
        StringBuilder sb = new StringBuilder();
        for (byte b : mac) {
            sb.append(sb.length() == 0 ? "" : ":").append(String.format("%02x", b));
        }
        return sb.toString();
    }

    public byte[] mac() {
        return mac.clone();
    }

    /** Sends as if through a relay at this giaddr. */
    public ClientMessages4 via(String relay) {
        giaddr = Ipv4.parse(relay);
        return this;
    }

    /** Sends this client identifier (option 61) in every message that identifies the client. */
    public ClientMessages4 withClientId(byte[] id) {
        clientId = id.clone();
        return this;
    }

    /** Starts a new transaction (the client picks a new xid per exchange). */
    public ClientMessages4 newTransaction() {
        xid = XIDS.incrementAndGet();
        return this;
    }

    public int xid() {
        return xid;
    }

    private DhcpV4Message.Builder base(DhcpMessageType type) {
        DhcpV4Message.Builder b = DhcpV4Message.builder().op(DhcpV4Message.BOOTREQUEST).xid(xid).clientHardwareAddress(mac)
                .giaddr(giaddr).messageType(type).option(OptionCode.PARAMETER_REQUEST_LIST, PRL.clone());
        return clientId == null ? b : b.option(OptionCode.CLIENT_IDENTIFIER, clientId.clone());
    }

    public DhcpV4Message discover() {
        return base(DhcpMessageType.DISCOVER).build();
    }

    public DhcpV4Message discoverRequesting(String address) {
        return base(DhcpMessageType.DISCOVER).address(OptionCode.REQUESTED_IP_ADDRESS, Ipv4.parse(address)).build();
    }

    /** REQUEST in SELECTING: names the chosen server and the offered address. */
    public DhcpV4Message requestSelecting(String server, int offered) {
        return base(DhcpMessageType.REQUEST)
                .address(OptionCode.SERVER_IDENTIFIER, Ipv4.parse(server))
                .address(OptionCode.REQUESTED_IP_ADDRESS, Ipv4.fromInt(offered)).build();
    }

    /** REQUEST in INIT-REBOOT: no server id, the remembered address as option 50. */
    public DhcpV4Message requestInitReboot(String address) {
        return base(DhcpMessageType.REQUEST).address(OptionCode.REQUESTED_IP_ADDRESS, Ipv4.parse(address)).build();
    }

    /** REQUEST in RENEWING/REBINDING: ciaddr set, no server id, no option 50. */
    public DhcpV4Message requestRenewing(String address) {
        return base(DhcpMessageType.REQUEST).ciaddr(Ipv4.parse(address)).build();
    }

    public DhcpV4Message release(String server, String address) {
        return DhcpV4Message.builder().xid(xid).clientHardwareAddress(mac).ciaddr(Ipv4.parse(address))
                .messageType(DhcpMessageType.RELEASE).address(OptionCode.SERVER_IDENTIFIER, Ipv4.parse(server)).build();
    }

    public DhcpV4Message decline(String server, String address) {
        return DhcpV4Message.builder().xid(xid).clientHardwareAddress(mac).giaddr(giaddr)
                .messageType(DhcpMessageType.DECLINE).address(OptionCode.SERVER_IDENTIFIER, Ipv4.parse(server))
                .address(OptionCode.REQUESTED_IP_ADDRESS, Ipv4.parse(address)).build();
    }

    public DhcpV4Message inform(String ciaddr) {
        return base(DhcpMessageType.INFORM).ciaddr(Ipv4.parse(ciaddr)).build();
    }
}
