package org.dhcpcluster.protocol.v6.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.Dhcp4o6Message;
import org.dhcpcluster.protocol.v6.DhcpV6Message;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.Duid;
import org.dhcpcluster.protocol.v6.Ipv6;
import org.dhcpcluster.protocol.v6.RelayChain;
import org.dhcpcluster.protocol.v6.RelayHop;
import org.dhcpcluster.protocol.v6.RelayMessage;
import org.dhcpcluster.protocol.v6.StatusCode;
import org.dhcpcluster.protocol.v6.option.IaAddress;
import org.dhcpcluster.protocol.v6.option.IaPrefix;
import org.dhcpcluster.protocol.v6.option.IdentityAssociation;
import org.dhcpcluster.protocol.v6.option.VendorClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Packets captured from real clients, relays and Kea (how: src/test/resources/golden/v6/README.md).
 * Each test pins the fields a server decides on, so a decoder change that misreads a real
 * client shows up here first.
 */
class GoldenPacketV6Test {
    /** The random MAC of h3-c0 in the capture namespace; dhclient and dhcpcd built their DUIDs from it. */
    private static final byte[] CLIENT_MAC = HexFormat.of().parseHex("6ee88ed0b18f");
    /** dhclient's IAID: the last four octets of that MAC. */
    private static final long DHCLIENT_IAID = 0x8ed0b18fL;
    /** Kea's configured server-id: DUID-LLT, Ethernet, time 800000000, 02:00:00:31:00:01. */
    private static final Duid KEA_SERVER_ID = Duid.llt(1, 800_000_000L, HexFormat.of().parseHex("020000310001"));
    /** dhclient's stock "request" line: DNS servers, domain list, client FQDN, SNTP servers. */
    private static final List<Integer> DHCLIENT_ORO = List.of(23, 24, 39, 31);
    static final List<String> GOLDEN = V6Datagrams.GOLDEN;

    private static DhcpV6Message decode(String name) throws DecodeException {
        return DhcpV6Codec.decode(V6Datagrams.golden(name));
    }

    private static ClientServerMessage clientServer(String name) throws DecodeException {
        return assertInstanceOf(ClientServerMessage.class, decode(name));
    }

    @ParameterizedTest
    @FieldSource("GOLDEN")
    void everyGoldenPacketDecodesWithoutDropsAndReencodesOctetForOctet(String name) throws DecodeException {
        byte[] wire = V6Datagrams.golden(name);
        DhcpV6Message m = DhcpV6Codec.decode(wire);
        DhcpV6Message layer = m;
        while (true) {
            assertTrue(layer.droppedOptions().isEmpty(), name + ": nothing may be dropped, got " + layer.droppedOptions());
            if (!(layer instanceof RelayMessage r)) {
                break;
            }
            layer = r.relayed();
        }
        assertArrayEquals(wire, DhcpV6Codec.encode(m), name);
    }

    @Test
    void everyHexFileInTheDirectoryIsTested() throws IOException, URISyntaxException {
        Path dir = Path.of(GoldenPacketV6Test.class.getResource("/golden/v6").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(new TreeSet<>(GOLDEN), files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".hex")).collect(Collectors.toCollection(TreeSet::new)));
        }
    }

    @Test
    void readmeDescribesEveryGoldenPacket() throws IOException {
        try (InputStream in = GoldenPacketV6Test.class.getResourceAsStream("/golden/v6/README.md")) {
            String readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String name : GOLDEN) {
                assertTrue(readme.contains("| " + name + " |"), "README.md has no row for " + name);
            }
        }
    }

    @Test
    void dhclientSolicitWithIaNa() throws DecodeException {
        ClientServerMessage m = clientServer("dhclient-solicit.hex");
        assertEquals(DhcpV6MessageType.SOLICIT, m.type());
        assertEquals(0xf1faa6, m.transactionId());                           // random, 24 bits
        Duid duid = m.clientId().orElseThrow();
        assertEquals(Duid.TYPE_LLT, duid.type());                            // dhclient's default DUID-LLT
        assertEquals(1, duid.hardwareType().orElseThrow());                  // Ethernet
        assertEquals(849_249_245L, duid.time().orElseThrow());               // seconds since 2000-01-01 at first run
        assertArrayEquals(CLIENT_MAC, duid.linkLayerAddress().orElseThrow());
        assertTrue(m.serverId().isEmpty());                                  // RFC 8415 16.2: SOLICIT names no server
        assertEquals(DHCLIENT_ORO, m.optionRequest());
        assertEquals(0, m.elapsedTime().orElseThrow());                      // first transmission
        IdentityAssociation ia = m.iaNa().get(0);
        assertEquals(1, m.iaNa().size());
        assertEquals(DHCLIENT_IAID, ia.iaid());
        assertEquals(3600, ia.t1());                                         // dhclient's hints, which servers may ignore
        assertEquals(5400, ia.t2());
        assertTrue(ia.addresses().isEmpty());                                // no address hint
        assertTrue(m.iaPd().isEmpty() && m.iaTa().isEmpty());
        assertFalse(m.rapidCommit());
        assertEquals(List.of(1, 6, 8, 3), codes(m));
    }

    @Test
    void keaAdvertiseOffersAnAddressWithDnsOptions() throws DecodeException {
        ClientServerMessage m = clientServer("kea-advertise.hex");
        assertEquals(DhcpV6MessageType.ADVERTISE, m.type());
        assertEquals(0xf1faa6, m.transactionId());                           // same as the SOLICIT
        assertEquals(clientServer("dhclient-solicit.hex").clientId(), m.clientId()); // client id echoed
        assertEquals(KEA_SERVER_ID, m.serverId().orElseThrow());
        IdentityAssociation ia = m.iaNa().get(0);
        assertEquals(DHCLIENT_IAID, ia.iaid());                              // the client's IAID echoed
        assertEquals(5, ia.t1());                                            // Kea's renew-timer
        assertEquals(10, ia.t2());                                           // rebind-timer
        assertEquals(List.of(new IaAddress(Ipv6.parse("2001:db8:31::100"), 20, 30)), ia.addresses()); // first pool address, lifetimes
        assertEquals(List.of(Ipv6.parse("2001:db8:31::53")), m.dnsServers());
        assertEquals(List.of("example.com", "corp.example.com"), m.domainSearchList()); // uncompressed (RFC 8415 section 10)
        assertTrue(m.preference().isEmpty());                                // Kea sends no preference by default
        assertEquals(List.of(1, 2, 3, 23, 24), codes(m));
    }

    @Test
    void dhclientRequestNamesServerAndAddress() throws DecodeException {
        ClientServerMessage m = clientServer("dhclient-request.hex");
        assertEquals(DhcpV6MessageType.REQUEST, m.type());
        assertEquals(0xd066d2, m.transactionId());                           // a new transaction
        assertEquals(KEA_SERVER_ID, m.serverId().orElseThrow());             // RFC 8415 18.2.2: the chosen server
        IaAddress a = m.iaNa().get(0).addresses().get(0);
        assertEquals(Ipv6.parse("2001:db8:31::100"), a.address());          // the advertised address
        assertEquals(7200, a.preferredLifetime());                           // dhclient's own lifetime hints
        assertEquals(7500, a.validLifetime());
        assertEquals(List.of(1, 2, 6, 8, 3), codes(m));
    }

    @Test
    void keaReplyBindsTheAddress() throws DecodeException {
        ClientServerMessage m = clientServer("kea-reply.hex");
        assertEquals(DhcpV6MessageType.REPLY, m.type());
        assertEquals(0xd066d2, m.transactionId());
        IdentityAssociation ia = m.iaNa().get(0);
        assertEquals(20, ia.addresses().get(0).preferredLifetime());
        assertEquals(30, ia.addresses().get(0).validLifetime());
        assertTrue(ia.status().isEmpty());                                   // success is implied by the address (RFC 8415 18.3.2)
    }

    @Test
    void dhclientRenewAtT1() throws DecodeException {
        ClientServerMessage m = clientServer("dhclient-renew.hex");
        assertEquals(DhcpV6MessageType.RENEW, m.type());
        assertEquals(0xb7e217, m.transactionId());
        assertEquals(KEA_SERVER_ID, m.serverId().orElseThrow());             // RFC 8415 18.2.4: RENEW names the server
        assertEquals(Ipv6.parse("2001:db8:31::100"), m.iaNa().get(0).addresses().get(0).address());
    }

    @Test
    void dhclientReleaseWithZeroLifetimes() throws DecodeException {
        ClientServerMessage m = clientServer("dhclient-release.hex");
        assertEquals(DhcpV6MessageType.RELEASE, m.type());
        assertEquals(0x073ce2, m.transactionId());                           // leading zero octet: 24-bit field read whole
        IdentityAssociation ia = m.iaNa().get(0);
        assertEquals(0, ia.t1());                                            // RFC 8415 18.2.7: T1, T2 and lifetimes 0
        assertEquals(0, ia.t2());
        assertEquals(0, ia.addresses().get(0).validLifetime());
        assertEquals(KEA_SERVER_ID, m.serverId().orElseThrow());
    }

    @Test
    void keaReplyToReleaseCarriesStatusOnIaAndMessage() throws DecodeException {
        ClientServerMessage m = clientServer("kea-reply-release.hex");
        assertEquals(DhcpV6MessageType.REPLY, m.type());
        IdentityAssociation ia = m.iaNa().get(0);
        assertTrue(ia.addresses().isEmpty());
        assertEquals(StatusCode.SUCCESS, ia.status().orElseThrow().code());  // status code nested in the IA_NA
        assertEquals("Lease released. Thank you, please come again.", ia.status().orElseThrow().message());
        assertEquals(StatusCode.SUCCESS, m.statusCode().orElseThrow().code()); // and a message-level one
        assertEquals("Summary status for all processed IA_NAs", m.statusCode().orElseThrow().message());
    }

    @Test
    void dhclientSolicitForPrefixDelegation() throws DecodeException {
        ClientServerMessage m = clientServer("dhclient-solicit-pd.hex");
        assertEquals(DhcpV6MessageType.SOLICIT, m.type());
        assertTrue(m.iaNa().isEmpty());                                      // -P alone: no address asked for
        IdentityAssociation pd = m.iaPd().get(0);
        assertEquals(DHCLIENT_IAID, pd.iaid());
        assertTrue(pd.prefixes().isEmpty());                                 // no prefix hint
        assertEquals(849_249_260L, m.clientId().orElseThrow().time().orElseThrow()); // a new lease file, a new DUID-LLT
    }

    @Test
    void keaAdvertiseDelegatesAPrefix() throws DecodeException {
        ClientServerMessage m = clientServer("kea-advertise-pd.hex");
        IdentityAssociation pd = m.iaPd().get(0);
        assertEquals(DHCLIENT_IAID, pd.iaid());
        assertEquals(5, pd.t1());
        IaPrefix p = pd.prefixes().get(0);
        assertEquals(Ipv6.parse("2001:db8:3100::"), p.prefix());            // first /56 of the /40 pd-pool
        assertEquals(56, p.prefixLength());
        assertEquals(20, p.preferredLifetime());
        assertEquals(30, p.validLifetime());
        assertEquals(List.of(1, 2, 23, 24, 25), codes(m));                   // Kea puts IA_PD after the DNS options
    }

    @Test
    void dhcpcdSolicitWithVendorClass() throws DecodeException {
        ClientServerMessage m = clientServer("dhcpcd-solicit.hex");
        assertEquals(DhcpV6MessageType.SOLICIT, m.type());
        assertEquals(0x19aec5, m.transactionId());
        assertArrayEquals(CLIENT_MAC, m.clientId().orElseThrow().linkLayerAddress().orElseThrow()); // DUID-LLT too
        IdentityAssociation ia = m.iaNa().get(0);
        assertEquals(1, ia.iaid());                                          // "ia_na 1" in dhcpcd6.conf
        assertEquals(0, ia.t1());                                            // dhcpcd leaves T1/T2 to the server
        assertEquals(List.of(82, 83), m.optionRequest());                    // only SOL_MAX_RT and INF_MAX_RT (RFC 8415 18.2.1 MUST)
        VendorClass vc = m.vendorClasses().get(0);
        assertEquals(40712, vc.enterpriseNumber());                          // dhcpcd's IANA enterprise number
        String data = new String(vc.data().get(0), StandardCharsets.US_ASCII);
        assertTrue(data.startsWith("dhcpcd-9.4.1:Linux-"), data);            // version, OS, kernel release, machine
        assertEquals(List.of(1, 3, 6, 8, 16), codes(m));                     // IA_NA before ORO, unlike dhclient
    }

    @Test
    void perfdhcpSolicitDirect() throws DecodeException {
        ClientServerMessage m = clientServer("perfdhcp-solicit.hex");
        assertEquals(0, m.transactionId());                                  // perfdhcp's first transaction id is 0
        Duid duid = m.clientId().orElseThrow();
        assertArrayEquals(HexFormat.of().parseHex("000c01020304"), duid.linkLayerAddress().orElseThrow()); // simulated MAC
        assertEquals(1, m.iaNa().get(0).iaid());
        assertEquals(List.of(23, 24), m.optionRequest());
    }

    @Test
    void perfdhcpRelayForwardWithOneHop() throws DecodeException {
        RelayMessage r = assertInstanceOf(RelayMessage.class, decode("perfdhcp-relay-forw.hex"));
        assertEquals(DhcpV6MessageType.RELAY_FORW, r.type());
        assertEquals(0, r.hopCount());                                       // first relay (RFC 8415 19.1.1)
        assertEquals(Ipv6.parse("2001:db8:31::2"), r.linkAddress());         // -l address, which picks Kea's subnet 2
        assertEquals(Ipv6.parse("2001:db8:31::2"), r.peerAddress());
        assertTrue(r.options().isEmpty());                                   // only the relay message itself
        ClientServerMessage inner = assertInstanceOf(ClientServerMessage.class, r.relayed());
        assertEquals(DhcpV6MessageType.SOLICIT, inner.type());
        assertEquals(1, r.relayDepth());
    }

    @Test
    void keaRelayReplyToPerfdhcp() throws DecodeException {
        RelayMessage r = assertInstanceOf(RelayMessage.class, decode("kea-relay-repl.hex"));
        assertEquals(DhcpV6MessageType.RELAY_REPL, r.type());
        assertEquals(0, r.hopCount());                                       // copied from the RELAY-FORW (RFC 8415 19.3)
        assertEquals(Ipv6.parse("2001:db8:31::2"), r.linkAddress());
        assertEquals(Ipv6.parse("2001:db8:31::2"), r.peerAddress());
        ClientServerMessage inner = assertInstanceOf(ClientServerMessage.class, r.relayed());
        assertEquals(DhcpV6MessageType.ADVERTISE, inner.type());
        assertEquals(Ipv6.parse("2001:db8:32::100"), inner.iaNa().get(0).addresses().get(0).address()); // relay's subnet
    }

    @Test
    void dhcrelayTwoHopChainUnwrapsToTheSolicit() throws DecodeException {
        RelayMessage outer = assertInstanceOf(RelayMessage.class, decode("dhcrelay-relay-forw-2hop.hex"));
        assertEquals(2, outer.relayDepth());
        RelayChain chain = RelayChain.unwrap(outer);
        RelayHop second = chain.hops().get(0);                               // outermost: the relay next to the server
        assertEquals(1, second.hopCount());                                  // it received hop-count 0 and added one
        assertEquals(Ipv6.parse("2001:db8:34::1"), second.linkAddress());    // its lower interface h3-b0
        assertEquals(Ipv6.parse("2001:db8:34::2"), second.peerAddress());    // the first relay's upper address
        assertArrayEquals(HexFormat.of().parseHex("01000000"), second.interfaceId().orElseThrow()); // dhcrelay -I
        RelayHop first = chain.firstRelay().orElseThrow();                   // the relay on the client's link
        assertEquals(0, first.hopCount());
        assertEquals(Ipv6.parse("2001:db8:33::1"), first.linkAddress());     // names the client's link ...
        assertEquals(Ipv6.parse("2001:db8:33::1"), chain.clientLinkAddress().orElseThrow()); // ... which selects the subnet
        assertEquals(Ipv6.parse("fe80::74de:60ff:fe60:ed4c"), first.peerAddress()); // the client's link-local address
        assertEquals("h3-subscriber-42", new String(first.subscriberId().orElseThrow(), StandardCharsets.US_ASCII)); // -s
        assertTrue(first.remoteId().isEmpty());                              // dhcrelay cannot add RFC 4649 remote-id
        ClientServerMessage solicit = assertInstanceOf(ClientServerMessage.class, chain.innermost());
        assertEquals(DhcpV6MessageType.SOLICIT, solicit.type());
        assertEquals(0x1e67db, solicit.transactionId());
        assertEquals(0x6060ed4cL, solicit.iaNa().get(0).iaid());             // last 4 octets of h3-c1's MAC
    }

    @Test
    void keaRelayReplyEchoesEachHopsInterfaceId() throws DecodeException {
        DhcpV6Message forward = decode("dhcrelay-relay-forw-2hop.hex");
        DhcpV6Message reply = decode("kea-relay-repl-2hop.hex");
        RelayChain back = RelayChain.unwrap(reply);
        ClientServerMessage advertise = assertInstanceOf(ClientServerMessage.class, back.innermost());
        assertEquals(DhcpV6MessageType.ADVERTISE, advertise.type());
        assertEquals(0x1e67db, advertise.transactionId());
        assertEquals(Ipv6.parse("2001:db8:33::100"), advertise.iaNa().get(0).addresses().get(0).address());
        for (RelayHop hop : back.hops()) {
            assertArrayEquals(HexFormat.of().parseHex("01000000"), hop.interfaceId().orElseThrow()); // RFC 8415 21.18
            assertTrue(hop.subscriberId().isEmpty());                        // not echoed: only interface-id must be
        }
        // Our own wrapping of Kea's ADVERTISE, for the chain the RELAY-FORW came through, is what Kea sent.
        assertArrayEquals(V6Datagrams.golden("kea-relay-repl-2hop.hex"),
                DhcpV6Codec.encode(RelayChain.unwrap(forward).wrap(advertise)));
    }

    @Test
    void keaReplyToInformationRequestListsTheDhcp4o6Server() throws DecodeException {
        ClientServerMessage m = clientServer("kea-reply-4o6-server-addr.hex");
        assertEquals(DhcpV6MessageType.REPLY, m.type());
        Duid duid = m.clientId().orElseThrow();
        assertEquals(Duid.TYPE_LL, duid.type());                             // the probe uses DUID-LL
        assertArrayEquals(CLIENT_MAC, duid.linkLayerAddress().orElseThrow());
        assertEquals(List.of(Ipv6.parse("2001:db8:31::1")), m.dhcp4o6ServerAddresses().orElseThrow()); // RFC 7341 section 8
        assertTrue(m.iaNa().isEmpty());                                      // stateless: no IA
    }

    @Test
    void probeDhcpv4QueryCarriesADiscover() throws DecodeException {
        Dhcp4o6Message q = assertInstanceOf(Dhcp4o6Message.class, decode("probe-dhcpv4-query.hex"));
        assertEquals(DhcpV6MessageType.DHCPV4_QUERY, q.type());
        assertEquals(0, q.flags());                                          // U flag clear: the client would broadcast
        assertFalse(q.unicastFlag());
        DhcpV4Message v4 = DhcpV4Codec.decode(q.dhcpV4Message().orElseThrow()); // option 87 is a whole DHCPv4 message
        assertEquals(DhcpMessageType.DISCOVER, v4.messageType().orElseThrow());
        assertEquals(0x510c54dd, v4.xid());
        assertArrayEquals(CLIENT_MAC, v4.clientHardwareAddress());
    }

    @Test
    void keaDhcpv4ResponseCarriesTheOffer() throws DecodeException {
        Dhcp4o6Message r = assertInstanceOf(Dhcp4o6Message.class, decode("kea-dhcpv4-response.hex"));
        assertEquals(DhcpV6MessageType.DHCPV4_RESPONSE, r.type());
        assertEquals(0, r.flags());                                          // RFC 7341 6.2: no flags defined
        assertEquals(List.of(87), codes(r.options()));                       // nothing but the DHCPv4 message
        DhcpV4Message v4 = DhcpV4Codec.decode(r.dhcpV4Message().orElseThrow());
        assertEquals(DhcpMessageType.OFFER, v4.messageType().orElseThrow());
        assertEquals(0x510c54dd, v4.xid());                                  // the query's DHCPv4 xid matches them up
        assertEquals(Ipv4.parse("203.0.113.100"), v4.yiaddr());              // from the 4o6 subnet
        assertEquals(Ipv4.parse("203.0.113.1"), v4.serverIdentifier().orElseThrow());
    }

    private static List<Integer> codes(ClientServerMessage m) {
        return codes(m.options());
    }

    private static List<Integer> codes(DhcpV6Options options) {
        return options.all().stream().map(DhcpV6Option::code).toList();
    }
}
