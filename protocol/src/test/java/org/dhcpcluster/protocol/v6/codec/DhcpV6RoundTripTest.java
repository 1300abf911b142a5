package org.dhcpcluster.protocol.v6.codec;

import static org.dhcpcluster.protocol.v6.codec.V6Datagrams.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.Dhcp4o6Message;
import org.dhcpcluster.protocol.v6.DhcpV6Message;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.Duid;
import org.dhcpcluster.protocol.v6.Ipv6;
import org.dhcpcluster.protocol.v6.OctetWriter;
import org.dhcpcluster.protocol.v6.RelayMessage;
import org.dhcpcluster.protocol.v6.StatusCode;
import org.dhcpcluster.protocol.v6.UnknownMessage;
import org.dhcpcluster.protocol.v6.option.Authentication;
import org.dhcpcluster.protocol.v6.option.ClientLinkLayerAddress;
import org.dhcpcluster.protocol.v6.option.DomainNames;
import org.dhcpcluster.protocol.v6.option.IaAddress;
import org.dhcpcluster.protocol.v6.option.IaPrefix;
import org.dhcpcluster.protocol.v6.option.IdentityAssociation;
import org.dhcpcluster.protocol.v6.option.Lifetimes;
import org.dhcpcluster.protocol.v6.option.RemoteId;
import org.dhcpcluster.protocol.v6.option.StatusCodeOption;
import org.dhcpcluster.protocol.v6.option.UserClass;
import org.dhcpcluster.protocol.v6.option.VendorClass;
import org.dhcpcluster.protocol.v6.option.VendorOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever the model can hold, the codec writes and reads back equal: every option format, every layout. */
class DhcpV6RoundTripTest {

    static Stream<DhcpV6Message> messages() {
        ClientServerMessage reply = ClientServerMessage.builder(DhcpV6MessageType.REPLY).transactionId(0xffffff)
                .clientId(Duid.uuid(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8")))
                .serverId(Duid.en(9, hex("0c0001")))
                .add(IdentityAssociation.na(1, 0, Lifetimes.INFINITY, DhcpV6Options.of(
                        new IaAddress(Ipv6.parse("2001:db8::1"), Lifetimes.INFINITY, Lifetimes.INFINITY).toOption(),
                        new IaAddress(Ipv6.parse("::ffff:192.0.2.1"), 1, 2, DhcpV6Options.of(
                                new StatusCodeOption(StatusCode.NOT_ON_LINK, "wrong link, é").toOption())).toOption()))
                        .toOption())
                .add(IdentityAssociation.ta(2, DhcpV6Options.empty()).toOption())
                .add(IdentityAssociation.pd(3, 10, 20, DhcpV6Options.of(
                        new IaPrefix(30, 40, 48, Ipv6.parse("2001:db8:ff00::")).toOption())).toOption())
                .add(IdentityAssociation.na(4, 0, 0, DhcpV6Options.empty()).toOption())       // a second IA_NA
                .add(new DhcpV6Option(DhcpV6OptionCode.PREFERENCE, new byte[] {(byte) 255}))
                .add(new DhcpV6Option(DhcpV6OptionCode.UNICAST, Ipv6.parse("2001:db8::53").getAddress()))
                .add(new DhcpV6Option(DhcpV6OptionCode.RAPID_COMMIT, new byte[0]))
                .add(new DhcpV6Option(DhcpV6OptionCode.DNS_SERVERS, hex("20010db8000000000000000000000053 20010db8000000000000000000000054")))
                .add(new DhcpV6Option(DhcpV6OptionCode.DOMAIN_LIST, DomainNames.encode(List.of("example.com", "a\\.b.example"))))
                .add(new DhcpV6Option(DhcpV6OptionCode.INFORMATION_REFRESH_TIME, OctetWriter.uint32(86_400)))
                .add(new DhcpV6Option(DhcpV6OptionCode.SOL_MAX_RT, OctetWriter.uint32(3600)))
                .add(new DhcpV6Option(DhcpV6OptionCode.INF_MAX_RT, OctetWriter.uint32(60)))
                .add(new Authentication(3, 1, 0, -1L, hex("0102030405060708090a0b0c0d0e0f10")).toOption())
                .add(new DhcpV6Option(DhcpV6OptionCode.RECONF_MSG, new byte[] {5}))
                .add(new DhcpV6Option(DhcpV6OptionCode.DHCP4_O_DHCP6_SERVER, new byte[0]))
                .add(new DhcpV6Option(40000, hex("deadbeef")))                      // unknown: raw
                .status(StatusCode.valueOf(999), "")
                .build();
        ClientServerMessage solicit = ClientServerMessage.builder(DhcpV6MessageType.SOLICIT).transactionId(0x123456)
                .clientId(Duid.llt(1, 0xffffffffL, hex("02005e102030")))
                .add(new DhcpV6Option(DhcpV6OptionCode.ORO, hex("0017 0018 0058")))
                .add(new DhcpV6Option(DhcpV6OptionCode.ELAPSED_TIME, hex("ffff")))
                .add(new UserClass(List.of(hex("61"), hex(""))).toOption())
                .add(new VendorClass(4491, List.of(hex("646f63736973"))).toOption())
                .add(new VendorClass(311, List.of()).toOption())
                .add(new VendorOptions(4491, DhcpV6Options.of(new DhcpV6Option(1, hex("0102")))).toOption())
                .add(new DhcpV6Option(DhcpV6OptionCode.RECONF_ACCEPT, new byte[0]))
                .build();
        RelayMessage relayed = new RelayMessage(DhcpV6MessageType.RELAY_FORW, 0, Ipv6.parse("2001:db8:1::1"),
                Ipv6.parse("fe80::1"), DhcpV6Options.of(
                        new DhcpV6Option(DhcpV6OptionCode.INTERFACE_ID, hex("")),
                        new RemoteId(3561, hex("0102")).toOption(),
                        new DhcpV6Option(DhcpV6OptionCode.SUBSCRIBER_ID, hex("73")),
                        new ClientLinkLayerAddress(1, hex("02005e102030")).toOption()), solicit);
        RelayMessage twoHops = new RelayMessage(DhcpV6MessageType.RELAY_FORW, 1, Ipv6.UNSPECIFIED,
                Ipv6.parse("2001:db8:1::1"), DhcpV6Options.empty(), relayed);
        return Stream.of(reply, solicit, relayed, twoHops,
                Dhcp4o6Message.query(hex("0101060000000001"), true),
                new RelayMessage(DhcpV6MessageType.RELAY_REPL, 0, Ipv6.UNSPECIFIED, Ipv6.UNSPECIFIED,
                        DhcpV6Options.empty(), Dhcp4o6Message.response(hex("02"))),
                new UnknownMessage(DhcpV6MessageType.valueOf(14), hex("000001 0001 0000")),
                new RelayMessage(DhcpV6MessageType.RELAY_FORW, 3, Ipv6.UNSPECIFIED, Ipv6.UNSPECIFIED,
                        DhcpV6Options.empty(), new UnknownMessage(DhcpV6MessageType.valueOf(200), hex(""))));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void decodingTheEncodingGivesTheSameMessage(DhcpV6Message m) throws DecodeException {
        byte[] wire = DhcpV6Codec.encode(m);
        assertEquals(m, DhcpV6Codec.decode(wire), HexFormat.of().formatHex(wire));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void encodingIsStable(DhcpV6Message m) throws DecodeException {
        byte[] wire = DhcpV6Codec.encode(m);
        assertEquals(HexFormat.of().formatHex(wire), HexFormat.of().formatHex(DhcpV6Codec.encode(DhcpV6Codec.decode(wire))));
    }
}
