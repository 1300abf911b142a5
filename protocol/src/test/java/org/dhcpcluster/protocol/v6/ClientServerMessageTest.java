package org.dhcpcluster.protocol.v6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.dhcpcluster.protocol.v6.option.IdentityAssociation;
import org.junit.jupiter.api.Test;

class ClientServerMessageTest {
    private static final Duid CLIENT = Duid.ll(1, HexFormat.of().parseHex("02005e102030"));
    private static final Duid SERVER = Duid.en(9, new byte[] {1});

    @Test
    void replyCarriesTheRequestsTransactionIdAndClientId() {
        ClientServerMessage request = ClientServerMessage.builder(DhcpV6MessageType.REQUEST).transactionId(0xabcdef)
                .clientId(CLIENT).serverId(SERVER)
                .add(IdentityAssociation.na(1, 0, 0, DhcpV6Options.empty()).toOption()).build();
        ClientServerMessage reply = ClientServerMessage.replyTo(request, DhcpV6MessageType.REPLY).serverId(SERVER).build();
        assertEquals(DhcpV6MessageType.REPLY, reply.type());
        assertEquals(0xabcdef, reply.transactionId());
        assertEquals(CLIENT, reply.clientId().orElseThrow());
        assertEquals(List.of(1, 2), reply.options().all().stream().map(DhcpV6Option::code).toList());
        assertTrue(reply.iaNa().isEmpty());                                  // IAs are the server's to fill in
    }

    @Test
    void builderSetReplacesIdentifiers() {
        ClientServerMessage m = ClientServerMessage.builder(DhcpV6MessageType.SOLICIT).clientId(SERVER).clientId(CLIENT).build();
        assertEquals(1, m.options().count(DhcpV6OptionCode.CLIENTID));
        assertEquals(CLIENT, m.clientId().orElseThrow());
        assertEquals(m, m.toBuilder().build());
    }

    @Test
    void transactionIdIs24Bits() {
        assertEquals(0xffffff, ClientServerMessage.builder(DhcpV6MessageType.SOLICIT).transactionId(0xffffff).build().transactionId());
        assertThrows(IllegalArgumentException.class,
                () -> ClientServerMessage.builder(DhcpV6MessageType.SOLICIT).transactionId(0x1000000).build());
        assertThrows(IllegalArgumentException.class,
                () -> ClientServerMessage.builder(DhcpV6MessageType.SOLICIT).transactionId(-1).build());
    }

    @Test
    void onlyClientServerTypesHaveThisLayout() {
        assertThrows(IllegalArgumentException.class, () -> ClientServerMessage.builder(DhcpV6MessageType.RELAY_FORW).build());
        assertThrows(IllegalArgumentException.class, () -> ClientServerMessage.builder(DhcpV6MessageType.DHCPV4_QUERY).build());
        assertThrows(IllegalArgumentException.class, () -> ClientServerMessage.builder(DhcpV6MessageType.valueOf(14)).build());
    }

    @Test
    void dhcp4o6FlagsAre24BitsWithTheUnicastFlagOnTop() {
        assertTrue(Dhcp4o6Message.query(new byte[] {1}, true).unicastFlag());
        assertEquals(0, Dhcp4o6Message.query(new byte[] {1}, false).flags());
        assertThrows(IllegalArgumentException.class, () -> new Dhcp4o6Message(DhcpV6MessageType.DHCPV4_QUERY, 0x1000000,
                DhcpV6Options.empty(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Dhcp4o6Message(DhcpV6MessageType.REPLY, 0,
                DhcpV6Options.empty(), List.of()));
    }

    @Test
    void unknownMessageRefusesKnownTypes() {
        assertThrows(IllegalArgumentException.class, () -> new UnknownMessage(DhcpV6MessageType.SOLICIT, new byte[0]));
    }
}
