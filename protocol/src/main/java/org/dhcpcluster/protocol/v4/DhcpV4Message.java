package org.dhcpcluster.protocol.v4;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A DHCPv4 / BOOTP message (RFC 2131 section 2, figure 1) as a plain immutable value.
 *
 * <p>Typed getters cite the RFC that defines each option and return empty when the option
 * is absent. An option that was present but malformed is not in {@link #options()}; it is
 * listed in {@link #droppedOptions()} with the reason, so the two cases stay apart.
 *
 * <p>{@code sname} and {@code file} hold only what those fields carry as text; when the
 * sender overloaded them with options (option 52) the decoder moved the options into
 * {@link #options()} and left the fields empty.
 */
public record DhcpV4Message(
        int op, int htype, int hlen, int hops, int xid, int secs, int flags,
        Inet4Address ciaddr, Inet4Address yiaddr, Inet4Address siaddr, Inet4Address giaddr,
        byte[] chaddr, byte[] sname, byte[] file,
        DhcpV4Options options, List<DroppedOption> droppedOptions) {

    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;
    public static final int HTYPE_ETHERNET = 1;
    /** Flags bit 0 (RFC 2131 section 2, figure 2): the client cannot receive unicast before it is configured. */
    public static final int FLAG_BROADCAST = 0x8000;
    public static final int CHADDR_LENGTH = 16;
    public static final int SNAME_LENGTH = 64;
    public static final int FILE_LENGTH = 128;

    public DhcpV4Message {
        Objects.requireNonNull(ciaddr, "ciaddr");
        Objects.requireNonNull(yiaddr, "yiaddr");
        Objects.requireNonNull(siaddr, "siaddr");
        Objects.requireNonNull(giaddr, "giaddr");
        Objects.requireNonNull(options, "options");
        if (op < 0 || op > 255 || htype < 0 || htype > 255 || hops < 0 || hops > 255) {
            throw new IllegalArgumentException("op, htype and hops are one octet each");
        }
        if (hlen < 0 || hlen > CHADDR_LENGTH) {
            throw new IllegalArgumentException("hlen must be 0..16, is " + hlen);
        }
        if (secs < 0 || secs > 0xFFFF || flags < 0 || flags > 0xFFFF) {
            throw new IllegalArgumentException("secs and flags are 16-bit unsigned");
        }
        chaddr = fixed(chaddr, CHADDR_LENGTH, "chaddr");
        sname = fixed(sname, SNAME_LENGTH, "sname");
        file = fixed(file, FILE_LENGTH, "file");
        droppedOptions = List.copyOf(droppedOptions);
    }

    private static byte[] fixed(byte[] in, int size, String field) {
        if (in.length > size) {
            throw new IllegalArgumentException(field + " holds at most " + size + " octets, got " + in.length);
        }
        return Arrays.copyOf(in, size);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A BOOTREPLY prefilled from a request as RFC 2131 section 4.3.1 table 3 says: same xid,
     * htype, hlen, chaddr, flags and giaddr; hops zero.
     */
    public static Builder replyTo(DhcpV4Message request) {
        return new Builder()
                .op(BOOTREPLY)
                .htype(request.htype).hlen(request.hlen).xid(request.xid)
                .flags(request.flags).giaddr(request.giaddr).chaddr(request.chaddr);
    }

    public Builder toBuilder() {
        return new Builder().op(op).htype(htype).hlen(hlen).hops(hops).xid(xid).secs(secs).flags(flags)
                .ciaddr(ciaddr).yiaddr(yiaddr).siaddr(siaddr).giaddr(giaddr)
                .chaddr(chaddr).sname(sname).file(file).options(options);
    }

    @Override
    public byte[] chaddr() {
        return chaddr.clone();
    }

    @Override
    public byte[] sname() {
        return sname.clone();
    }

    @Override
    public byte[] file() {
        return file.clone();
    }

    /** The first {@code hlen} octets of chaddr: the client's hardware address. */
    public byte[] clientHardwareAddress() {
        return Arrays.copyOf(chaddr, hlen);
    }

    /** The hardware address as "aa:bb:cc:dd:ee:ff". */
    public String clientHardwareAddressText() {
        StringBuilder sb = new StringBuilder(hlen * 3);
        for (int i = 0; i < hlen; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(HexFormat.of().toHexDigits(chaddr[i]));
        }
        return sb.toString();
    }

    public boolean broadcastFlag() {
        return (flags & FLAG_BROADCAST) != 0;
    }

    /** RFC 2132 9.6: the DHCP message type; empty for plain BOOTP. */
    public Optional<DhcpMessageType> messageType() {
        return options.get(OptionCode.DHCP_MESSAGE_TYPE)
                .filter(v -> v.length == 1)
                .map(v -> DhcpMessageType.valueOf(v[0] & 0xFF));
    }

    /** RFC 2132 9.7: the server the client addresses (REQUEST in SELECTING, RELEASE, DECLINE). */
    public Optional<Inet4Address> serverIdentifier() {
        return address(OptionCode.SERVER_IDENTIFIER);
    }

    /** RFC 2132 9.1: the address the client asks for (DISCOVER hint, REQUEST in SELECTING/INIT-REBOOT, DECLINE). */
    public Optional<Inet4Address> requestedIpAddress() {
        return address(OptionCode.REQUESTED_IP_ADDRESS);
    }

    /** RFC 2132 9.2: lease time in seconds, unsigned 32-bit (0xFFFFFFFF means infinite). */
    public OptionalLong ipAddressLeaseTime() {
        return uint32(OptionCode.IP_ADDRESS_LEASE_TIME);
    }

    /** RFC 2132 9.11: T1 in seconds. */
    public OptionalLong renewalTime() {
        return uint32(OptionCode.RENEWAL_TIME);
    }

    /** RFC 2132 9.12: T2 in seconds. */
    public OptionalLong rebindingTime() {
        return uint32(OptionCode.REBINDING_TIME);
    }

    /** RFC 2132 9.14 and RFC 4361. */
    public Optional<ClientIdentifier> clientIdentifier() {
        return options.get(OptionCode.CLIENT_IDENTIFIER)
                .filter(v -> v.length >= 2)
                .map(ClientIdentifier::fromOptionValue);
    }

    /** RFC 2132 9.8: the option codes the client asks for, in the client's order of preference. */
    public List<Integer> parameterRequestList() {
        Optional<byte[]> v = options.get(OptionCode.PARAMETER_REQUEST_LIST);
        if (v.isEmpty()) {
            return List.of();
        }
        List<Integer> codes = new ArrayList<>(v.get().length);
        for (byte b : v.get()) {
            codes.add(b & 0xFF);
        }
        return codes;
    }

    /** RFC 2132 9.10: the largest DHCP message (IP datagram) the client accepts; at least 576. */
    public OptionalInt maximumMessageSize() {
        Optional<byte[]> v = options.get(OptionCode.MAXIMUM_MESSAGE_SIZE).filter(b -> b.length == 2);
        return v.isEmpty() ? OptionalInt.empty() : OptionalInt.of((v.get()[0] & 0xFF) << 8 | (v.get()[1] & 0xFF));
    }

    /**
     * RFC 3046, with RFC 3527 and RFC 5107 sub-options. A decoded message only carries a
     * well-formed option 82 (the decoder drops others); a hand-built malformed value makes
     * this throw {@link IllegalArgumentException}.
     */
    public Optional<RelayAgentInformation> relayAgentInformation() {
        return options.get(OptionCode.RELAY_AGENT_INFORMATION).map(RelayAgentInformation::fromOptionValue);
    }

    /** RFC 3011 option 118: the subnet the client wants an address on. */
    public Optional<Inet4Address> subnetSelection() {
        return address(OptionCode.SUBNET_SELECTION);
    }

    /** RFC 2132 3.14. */
    public Optional<String> hostName() {
        return text(OptionCode.HOST_NAME);
    }

    /** RFC 2132 9.13. */
    public Optional<byte[]> vendorClassIdentifier() {
        return options.get(OptionCode.VENDOR_CLASS_IDENTIFIER);
    }

    /** RFC 2132 9.9: an error text (in NAK or DECLINE). */
    public Optional<String> message() {
        return text(OptionCode.MESSAGE);
    }

    private Optional<Inet4Address> address(int code) {
        return options.get(code).filter(v -> v.length == 4).map(Ipv4::fromBytes);
    }

    private OptionalLong uint32(int code) {
        Optional<byte[]> v = options.get(code).filter(b -> b.length == 4);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        byte[] b = v.get();
        return OptionalLong.of(((long) (b[0] & 0xFF) << 24) | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF));
    }

    private Optional<String> text(int code) {
        return options.get(code).map(v -> new String(v, StandardCharsets.US_ASCII));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpV4Message m
                && op == m.op && htype == m.htype && hlen == m.hlen && hops == m.hops && xid == m.xid
                && secs == m.secs && flags == m.flags
                && ciaddr.equals(m.ciaddr) && yiaddr.equals(m.yiaddr) && siaddr.equals(m.siaddr) && giaddr.equals(m.giaddr)
                && Arrays.equals(chaddr, m.chaddr) && Arrays.equals(sname, m.sname) && Arrays.equals(file, m.file)
                && options.equals(m.options) && droppedOptions.equals(m.droppedOptions);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * xid + Arrays.hashCode(chaddr)) + options.hashCode();
    }

    @Override
    public String toString() {
        return "DhcpV4Message[" + messageType().map(DhcpMessageType::toString).orElse(op == BOOTREQUEST ? "BOOTREQUEST" : "BOOTREPLY")
                + " xid=0x" + Integer.toHexString(xid) + " chaddr=" + clientHardwareAddressText()
                + " ciaddr=" + ciaddr.getHostAddress() + " yiaddr=" + yiaddr.getHostAddress()
                + " giaddr=" + giaddr.getHostAddress() + " options=" + options
                + (droppedOptions.isEmpty() ? "" : " dropped=" + droppedOptions) + "]";
    }

    /** Builds messages; every field defaults to zero / empty. */
    public static final class Builder {
        private int op = BOOTREQUEST;
        private int htype = HTYPE_ETHERNET;
        private int hlen = 6;
        private int hops;
        private int xid;
        private int secs;
        private int flags;
        private Inet4Address ciaddr = Ipv4.ANY;
        private Inet4Address yiaddr = Ipv4.ANY;
        private Inet4Address siaddr = Ipv4.ANY;
        private Inet4Address giaddr = Ipv4.ANY;
        private byte[] chaddr = new byte[CHADDR_LENGTH];
        private byte[] sname = new byte[0];
        private byte[] file = new byte[0];
        private final DhcpV4Options.Builder options = DhcpV4Options.builder();
        private final List<DroppedOption> dropped = new ArrayList<>();

        public Builder op(int v) { op = v; return this; }
        public Builder htype(int v) { htype = v; return this; }
        public Builder hlen(int v) { hlen = v; return this; }
        public Builder hops(int v) { hops = v; return this; }
        public Builder xid(int v) { xid = v; return this; }
        public Builder secs(int v) { secs = v; return this; }
        public Builder flags(int v) { flags = v; return this; }
        public Builder broadcast(boolean on) { flags = on ? flags | FLAG_BROADCAST : flags & ~FLAG_BROADCAST; return this; }
        public Builder ciaddr(Inet4Address v) { ciaddr = v; return this; }
        public Builder yiaddr(Inet4Address v) { yiaddr = v; return this; }
        public Builder siaddr(Inet4Address v) { siaddr = v; return this; }
        public Builder giaddr(Inet4Address v) { giaddr = v; return this; }
        public Builder chaddr(byte[] v) { chaddr = v.clone(); return this; }
        public Builder sname(byte[] v) { sname = v.clone(); return this; }
        public Builder file(byte[] v) { file = v.clone(); return this; }

        /** Sets chaddr to a hardware address and hlen to its length. */
        public Builder clientHardwareAddress(byte[] mac) {
            hlen = mac.length;
            chaddr = Arrays.copyOf(mac, CHADDR_LENGTH);
            return this;
        }

        public Builder options(DhcpV4Options v) {
            for (DhcpV4Option o : v.all()) {
                options.put(o);
            }
            return this;
        }

        public Builder option(int code, byte[] value) { options.put(code, value); return this; }
        public Builder appendOption(int code, byte[] more) { options.append(code, more); return this; }
        public Builder removeOption(int code) { options.remove(code); return this; }
        public boolean hasOption(int code) { return options.contains(code); }

        public Builder messageType(DhcpMessageType type) {
            return option(OptionCode.DHCP_MESSAGE_TYPE, new byte[] {(byte) type.code()});
        }

        public Builder address(int code, Inet4Address address) {
            return option(code, address.getAddress());
        }

        public Builder uint32(int code, long value) {
            return option(code, new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
        }

        public Builder dropped(DroppedOption d) { dropped.add(d); return this; }

        public DhcpV4Message build() {
            return new DhcpV4Message(op, htype, hlen, hops, xid, secs, flags, ciaddr, yiaddr, siaddr, giaddr,
                    chaddr, sname, file, options.build(), dropped);
        }
    }
}
