package org.dhcpcluster.protocol.v4.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.ClientIdentifier;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.OptionCode;
import org.dhcpcluster.protocol.v4.RelayAgentInformation;
import org.dhcpcluster.protocol.v4.RelayAgentInformation.SubOption;
import org.dhcpcluster.protocol.v4.option.DhcpV4OptionTable;
import org.junit.jupiter.api.Test;

/** decode(encode(m)) gives m back, for the options the server reads and writes. */
class DhcpV4CodecRoundTripTest {

    private static DhcpV4Message roundTrip(DhcpV4Message m) throws DecodeException {
        return DhcpV4Codec.decode(DhcpV4Codec.encode(m, DhcpV4Codec.DEFAULT_MAX_PAYLOAD));
    }

    private static DhcpV4Message.Builder discover() {
        return DhcpV4Message.builder().xid(0xCAFEBABE).clientHardwareAddress(Datagrams.CHADDR)
                .messageType(DhcpMessageType.DISCOVER);
    }

    @Test
    void fullReplyRoundTripsEqual() throws DecodeException {
        DhcpV4Message m = DhcpV4Message.builder().op(DhcpV4Message.BOOTREPLY).xid(7).secs(3).broadcast(true)
                .clientHardwareAddress(Datagrams.CHADDR).yiaddr(Ipv4.parse("192.0.2.100")).giaddr(Ipv4.parse("198.51.100.2"))
                .sname("server-1".getBytes()).file("boot/pxelinux.0".getBytes())
                .messageType(DhcpMessageType.ACK)
                .address(OptionCode.SERVER_IDENTIFIER, Ipv4.parse("192.0.2.1"))
                .uint32(OptionCode.IP_ADDRESS_LEASE_TIME, 0xFFFFFFFFL)
                .option(OptionCode.ROUTERS, DhcpV4OptionTable.byName("routers").orElseThrow().parseText("192.0.2.1, 192.0.2.2"))
                .option(119, DhcpV4OptionTable.byName("domain-search").orElseThrow().parseText("example.com, corp.example.com"))
                .option(121, DhcpV4OptionTable.byName("classless-static-route").orElseThrow()
                        .parseText("10.0.0.0/8 192.0.2.1, 0.0.0.0/0 192.0.2.1"))
                .build();
        DhcpV4Message back = roundTrip(m);
        assertEquals(m, back);
        assertEquals(0xFFFFFFFFL, back.ipAddressLeaseTime().orElseThrow());
    }

    @Test
    void messageTypeMovesFirstButOptionsAreKept() throws DecodeException {
        DhcpV4Message m = DhcpV4Message.builder().uint32(51, 60).messageType(DhcpMessageType.OFFER).build();
        DhcpV4Message back = roundTrip(m);
        assertEquals(List.of(53, 51), back.options().all().stream().map(o -> o.code()).toList());
        assertArrayEquals(m.options().get(51).orElseThrow(), back.options().get(51).orElseThrow());
    }

    @Test
    void longOptionsRoundTripThroughSplitAndJoin() throws DecodeException {
        byte[] vivso = Datagrams.filled(700, 1);
        DhcpV4Message m = discover().option(125, vivso).build();
        assertArrayEquals(vivso, DhcpV4Codec.decode(DhcpV4Codec.encode(m, 1472)).options().get(125).orElseThrow());
    }

    @Test
    void overloadedMessageRoundTripsEqual() throws DecodeException {
        DhcpV4Message m = discover().option(43, Datagrams.filled(250, 0)).option(224, Datagrams.filled(200, 9)).build();
        byte[] p = DhcpV4Codec.encode(m, DhcpV4Codec.DEFAULT_MAX_PAYLOAD);
        assertEquals(DhcpV4Message.SNAME_LENGTH, 64);
        assertEquals(m, DhcpV4Codec.decode(p));
    }

    @Test
    void clientIdentifierRfc4361RoundTrips() throws DecodeException {
        // RFC 4361 section 6.1: type 255, 4-octet IAID, then the DHCPv6 DUID (here a DUID-LL: type 3, htype 1, MAC).
        byte[] duid = HexFormat.of().parseHex("00030001" + "02005e102030");
        byte[] id = new byte[4 + duid.length];
        id[3] = 7;
        System.arraycopy(duid, 0, id, 4, duid.length);
        ClientIdentifier cid = new ClientIdentifier(ClientIdentifier.TYPE_RFC4361, id);
        DhcpV4Message back = roundTrip(discover().option(OptionCode.CLIENT_IDENTIFIER, cid.toOptionValue()).build());
        ClientIdentifier read = back.clientIdentifier().orElseThrow();
        assertEquals(cid, read);
        assertTrue(read.isRfc4361());
        assertEquals(7L, read.iaid().orElseThrow());
        assertArrayEquals(duid, read.duid().orElseThrow());
    }

    @Test
    void clientIdentifierShorterThanTwoOctetsIsDropped() throws DecodeException {
        DhcpV4Message back = DhcpV4Codec.decode(Datagrams.request(53, 1, 1, 61, 1, 1, 255));
        assertTrue(back.clientIdentifier().isEmpty());
        assertEquals(61, back.droppedOptions().get(0).code());
    }

    @Test
    void relayAgentInformationWithLinkSelectionAndServerIdOverrideRoundTrips() throws DecodeException {
        RelayAgentInformation rai = new RelayAgentInformation(List.of(
                new SubOption(RelayAgentInformation.CIRCUIT_ID, "eth0/1".getBytes()),
                new SubOption(RelayAgentInformation.REMOTE_ID, HexFormat.of().parseHex("aabbccddeeff")),
                new SubOption(RelayAgentInformation.LINK_SELECTION, Ipv4.parse("198.18.0.0").getAddress()),
                new SubOption(RelayAgentInformation.SERVER_IDENTIFIER_OVERRIDE, Ipv4.parse("192.0.2.2").getAddress()),
                new SubOption(151, new byte[] {1, 2})));
        DhcpV4Message m = discover().giaddr(Ipv4.parse("192.0.2.2")).hops(1)
                .option(OptionCode.RELAY_AGENT_INFORMATION, rai.toOptionValue()).build();
        DhcpV4Message back = roundTrip(m);
        RelayAgentInformation read = back.relayAgentInformation().orElseThrow();
        assertEquals(rai, read);
        assertArrayEquals("eth0/1".getBytes(), read.circuitId().orElseThrow());
        assertEquals(Ipv4.parse("198.18.0.0"), read.linkSelection().orElseThrow());                 // RFC 3527
        assertEquals(Ipv4.parse("192.0.2.2"), read.serverIdentifierOverride().orElseThrow());       // RFC 5107
        assertArrayEquals(new byte[] {1, 2}, read.subOption(151).orElseThrow(), "unknown sub-options are kept");
    }

    @Test
    void subnetSelectionOption118RoundTrips() throws DecodeException {
        DhcpV4Message back = roundTrip(discover().address(OptionCode.SUBNET_SELECTION, Ipv4.parse("10.20.0.0")).build());
        assertEquals(Ipv4.parse("10.20.0.0"), back.subnetSelection().orElseThrow());
    }

    @Test
    void subnetSelectionOfWrongLengthIsDropped() throws DecodeException {
        DhcpV4Message back = DhcpV4Codec.decode(Datagrams.request(53, 1, 1, 118, 3, 10, 20, 0, 255));
        assertTrue(back.subnetSelection().isEmpty());
        assertEquals(118, back.droppedOptions().get(0).code());
    }

    @Test
    void droppedOptionsAreNotReEncoded() throws DecodeException {
        DhcpV4Message decoded = DhcpV4Codec.decode(Datagrams.request(53, 1, 1, 54, 2, 1, 2, 12, 1, 'h', 255));
        DhcpV4Message again = roundTrip(decoded);
        assertTrue(again.droppedOptions().isEmpty());
        assertEquals(decoded.options(), again.options());
    }
}
