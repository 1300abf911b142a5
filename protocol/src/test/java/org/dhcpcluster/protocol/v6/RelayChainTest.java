package org.dhcpcluster.protocol.v6;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.dhcpcluster.protocol.v6.option.RemoteId;
import org.junit.jupiter.api.Test;

class RelayChainTest {
    private static final ClientServerMessage SOLICIT = ClientServerMessage.builder(DhcpV6MessageType.SOLICIT)
            .transactionId(0x010203).clientId(Duid.ll(1, HexFormat.of().parseHex("02005e102030"))).build();
    private static final DhcpV6Option IFACE_1 = new DhcpV6Option(DhcpV6OptionCode.INTERFACE_ID, "port-1".getBytes());
    private static final DhcpV6Option IFACE_2 = new DhcpV6Option(DhcpV6OptionCode.INTERFACE_ID, "uplink".getBytes());
    private static final RemoteId REMOTE = new RemoteId(3561, "modem-7".getBytes());

    /** The client's relay (hop 0, with interface-id and remote-id) inside an aggregation relay (hop 1, interface-id). */
    private static RelayMessage twoHops() {
        RelayMessage first = new RelayMessage(DhcpV6MessageType.RELAY_FORW, 0, Ipv6.parse("2001:db8:a::1"),
                Ipv6.parse("fe80::1"), DhcpV6Options.of(IFACE_1, REMOTE.toOption(),
                new DhcpV6Option(DhcpV6OptionCode.SUBSCRIBER_ID, "sub".getBytes())), SOLICIT);
        return new RelayMessage(DhcpV6MessageType.RELAY_FORW, 1, Ipv6.parse("2001:db8:b::1"),
                Ipv6.parse("2001:db8:a::ff"), DhcpV6Options.of(IFACE_2), first);
    }

    @Test
    void unwrapKeepsEachHopsAddressesAndOptionsOutermostFirst() {
        RelayChain chain = RelayChain.unwrap(twoHops());
        assertSame(SOLICIT, chain.innermost());
        assertEquals(2, chain.hops().size());
        RelayHop outer = chain.hops().get(0);
        assertEquals(1, outer.hopCount());
        assertEquals(Ipv6.parse("2001:db8:b::1"), outer.linkAddress());
        assertEquals(Ipv6.parse("2001:db8:a::ff"), outer.peerAddress());
        assertArrayEquals("uplink".getBytes(), outer.interfaceId().orElseThrow());
        RelayHop first = chain.firstRelay().orElseThrow();
        assertEquals(0, first.hopCount());
        assertEquals(Ipv6.parse("fe80::1"), first.peerAddress());            // the client's address
        assertArrayEquals("port-1".getBytes(), first.interfaceId().orElseThrow());
        assertEquals(REMOTE, first.remoteId().orElseThrow());
        assertArrayEquals("sub".getBytes(), first.subscriberId().orElseThrow());
    }

    @Test
    void directMessageIsAnEmptyChainAndWrapsToItself() {
        RelayChain chain = RelayChain.unwrap(SOLICIT);
        assertFalse(chain.isRelayed());
        assertTrue(chain.firstRelay().isEmpty() && chain.clientLinkAddress().isEmpty());
        ClientServerMessage reply = ClientServerMessage.replyTo(SOLICIT, DhcpV6MessageType.ADVERTISE).build();
        assertSame(reply, chain.wrap(reply));
    }

    @Test
    void wrapBuildsOneRelayReplyPerHopEchoingOnlyInterfaceId() {
        ClientServerMessage reply = ClientServerMessage.replyTo(SOLICIT, DhcpV6MessageType.ADVERTISE).build();
        RelayMessage outer = assertInstanceOf(RelayMessage.class, RelayChain.unwrap(twoHops()).wrap(reply));
        assertEquals(DhcpV6MessageType.RELAY_REPL, outer.type());
        assertEquals(1, outer.hopCount());                                   // RFC 8415 19.3: copied from the RELAY-FORW
        assertEquals(Ipv6.parse("2001:db8:b::1"), outer.linkAddress());
        assertEquals(Ipv6.parse("2001:db8:a::ff"), outer.peerAddress());
        assertEquals(DhcpV6Options.of(IFACE_2), outer.options());           // RFC 8415 21.18: interface-id echoed
        RelayMessage inner = assertInstanceOf(RelayMessage.class, outer.relayed());
        assertEquals(DhcpV6MessageType.RELAY_REPL, inner.type());
        assertEquals(0, inner.hopCount());
        assertEquals(Ipv6.parse("fe80::1"), inner.peerAddress());
        assertEquals(DhcpV6Options.of(IFACE_1), inner.options());           // remote-id and subscriber-id not echoed
        assertSame(reply, inner.relayed());
    }

    @Test
    void hopWithoutInterfaceIdGetsARelayReplyWithoutOptions() {
        RelayMessage plain = new RelayMessage(DhcpV6MessageType.RELAY_FORW, 0, Ipv6.parse("2001:db8::1"),
                Ipv6.parse("fe80::1"), DhcpV6Options.of(REMOTE.toOption()), SOLICIT);
        RelayMessage back = assertInstanceOf(RelayMessage.class, RelayChain.unwrap(plain).wrap(SOLICIT));
        assertTrue(back.options().isEmpty());
    }

    @Test
    void clientLinkAddressSkipsRelaysThatLeftItUnspecified() {
        RelayMessage first = new RelayMessage(DhcpV6MessageType.RELAY_FORW, 0, Ipv6.UNSPECIFIED,   // RFC 8415 19.1.1
                Ipv6.parse("fe80::1"), DhcpV6Options.of(IFACE_1), SOLICIT);
        RelayMessage second = new RelayMessage(DhcpV6MessageType.RELAY_FORW, 1, Ipv6.parse("2001:db8:c::1"),
                Ipv6.parse("2001:db8:c::2"), DhcpV6Options.empty(), first);
        assertEquals(Ipv6.parse("2001:db8:c::1"), RelayChain.unwrap(second).clientLinkAddress().orElseThrow());
        assertEquals(Ipv6.parse("2001:db8:a::1"), RelayChain.unwrap(twoHops()).clientLinkAddress().orElseThrow());
    }

    @Test
    void wrapsAndUnwrapsTheDeepestChainAllowed() {
        DhcpV6Message m = SOLICIT;
        for (int hop = 0; hop < RelayMessage.MAX_DEPTH; hop++) {
            m = new RelayMessage(DhcpV6MessageType.RELAY_FORW, hop, Ipv6.UNSPECIFIED, Ipv6.UNSPECIFIED,
                    DhcpV6Options.empty(), m);
        }
        RelayChain chain = RelayChain.unwrap(m);
        assertEquals(9, chain.hops().size());
        DhcpV6Message back = chain.wrap(SOLICIT);
        assertEquals(9, back.relayDepth());
        assertEquals(List.of(8, 7, 6, 5, 4, 3, 2, 1, 0), RelayChain.unwrap(back).hops().stream().map(RelayHop::hopCount).toList());
        DhcpV6Message deepest = m;
        assertThrows(IllegalArgumentException.class, () -> new RelayMessage(DhcpV6MessageType.RELAY_FORW, 9,
                Ipv6.UNSPECIFIED, Ipv6.UNSPECIFIED, DhcpV6Options.empty(), deepest));
    }

    @Test
    void relayOptionsCannotHoldTheRelayedMessage() {
        assertThrows(IllegalArgumentException.class, () -> new RelayMessage(DhcpV6MessageType.RELAY_FORW, 0,
                Ipv6.UNSPECIFIED, Ipv6.UNSPECIFIED, DhcpV6Options.of(new DhcpV6Option(9, new byte[4])), SOLICIT));
    }
}
