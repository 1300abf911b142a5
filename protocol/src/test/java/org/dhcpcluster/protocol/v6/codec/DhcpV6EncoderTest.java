package org.dhcpcluster.protocol.v6.codec;

import static org.dhcpcluster.protocol.v6.codec.V6Datagrams.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.Dhcp4o6Message;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.Duid;
import org.dhcpcluster.protocol.v6.Ipv6;
import org.dhcpcluster.protocol.v6.RelayMessage;
import org.dhcpcluster.protocol.v6.StatusCode;
import org.dhcpcluster.protocol.v6.option.IaAddress;
import org.dhcpcluster.protocol.v6.option.IdentityAssociation;
import org.junit.jupiter.api.Test;

class DhcpV6EncoderTest {
    private static final Duid CLIENT = Duid.ll(1, hex("02005e102030"));

    @Test
    void writesHeaderThenOptionsInOrderWithoutPadding() {
        ClientServerMessage m = ClientServerMessage.builder(DhcpV6MessageType.REPLY).transactionId(0x0a0b0c)
                .clientId(CLIENT)
                .add(IdentityAssociation.na(7, 100, 200, DhcpV6Options.of(
                        new IaAddress(Ipv6.parse("2001:db8::5"), 300, 400).toOption())).toOption())
                .status(StatusCode.SUCCESS, "ok")
                .build();
        assertArrayEquals(hex("07 0a0b0c"
                + "0001 000a 0003 0001 02005e102030"
                + "0003 0028 00000007 00000064 000000c8"
                + "     0005 0018 20010db8000000000000000000000005 0000012c 00000190"
                + "000d 0004 0000 6f6b"), DhcpV6Codec.encode(m));
    }

    @Test
    void writesRelayLayersWithRelayMessageAfterTheRelaysOptions() {
        ClientServerMessage reply = ClientServerMessage.builder(DhcpV6MessageType.ADVERTISE).transactionId(1).build();
        RelayMessage inner = new RelayMessage(DhcpV6MessageType.RELAY_REPL, 0, Ipv6.parse("2001:db8:1::1"),
                Ipv6.parse("fe80::1"), DhcpV6Options.of(new DhcpV6Option(18, hex("aa"))), reply);
        RelayMessage outer = new RelayMessage(DhcpV6MessageType.RELAY_REPL, 1, Ipv6.UNSPECIFIED,
                Ipv6.parse("2001:db8:2::2"), DhcpV6Options.empty(), inner);
        assertArrayEquals(hex("0d 01 00000000000000000000000000000000 20010db8000200000000000000000002"
                + "0009 002f"                                     // 34 + (4 + 1) + (4 + 4)
                + "  0d 00 20010db8000100000000000000000001 fe800000000000000000000000000001"
                + "  0012 0001 aa"
                + "  0009 0004 02 000001"), DhcpV6Codec.encode(outer));
    }

    @Test
    void writesDhcp4o6FlagsInPlaceOfTransactionId() {
        assertArrayEquals(hex("14 800000 0057 0002 0102"), DhcpV6Codec.encode(Dhcp4o6Message.query(hex("0102"), true)));
        assertArrayEquals(hex("15 000000 0057 0001 09"), DhcpV6Codec.encode(Dhcp4o6Message.response(hex("09"))));
    }

    @Test
    void refusesARelayedMessageTooLongForOption9() {
        ClientServerMessage big = ClientServerMessage.builder(DhcpV6MessageType.REPLY)
                .add(new DhcpV6Option(65000, new byte[65_535 - 4])).build();   // 4 + 4 + 65531 octets: 4 too many
        RelayMessage relay = new RelayMessage(DhcpV6MessageType.RELAY_REPL, 0, Ipv6.UNSPECIFIED, Ipv6.UNSPECIFIED,
                DhcpV6Options.empty(), big);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DhcpV6Codec.encode(relay));
        assertTrue(e.getMessage().contains("65539 octets"), e.getMessage());
    }

    @Test
    void keepsRepeatedOptionsAsSeparateInstances() {
        ClientServerMessage m = ClientServerMessage.builder(DhcpV6MessageType.SOLICIT)
                .add(new DhcpV6Option(16, hex("00000001 0001 61")))
                .add(new DhcpV6Option(16, hex("00000002 0001 62"))).build();
        assertArrayEquals(hex("01 000000 0010 0007 00000001000161 0010 0007 00000002000162"), DhcpV6Codec.encode(m));
    }
}
