package org.dhcpcluster.protocol.v4.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.ClientIdentifier;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.DhcpV4Option;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.RelayAgentInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Packets captured from real clients and from Kea on the bench (how: src/test/resources/golden/v4/README.md).
 * Each test pins the fields a server decides on, so a decoder change that misreads a real
 * client shows up here first.
 */
class GoldenPacketTest {
    /** The MAC of kb-c0 in the capture namespace; every real client used it. */
    private static final byte[] BENCH_MAC = HexFormat.of().parseHex("aa3cc393859a");
    /** perfdhcp's simulated client MAC (its default base 00:0c:01:02:03:04). */
    private static final byte[] PERFDHCP_MAC = HexFormat.of().parseHex("000c01020304");
    private static final List<Integer> DHCLIENT_PRL = List.of(1, 28, 2, 3, 15, 6, 119, 12, 44, 47, 26, 121, 42);

    private static DhcpV4Message decode(String name) throws DecodeException {
        DhcpV4Message m = DhcpV4Codec.decode(Datagrams.golden(name));
        assertTrue(m.droppedOptions().isEmpty(), name + " is well formed: nothing may be dropped, got " + m.droppedOptions());
        return m;
    }

    @Test
    void dhclientDiscover() throws DecodeException {
        DhcpV4Message m = decode("dhclient-discover.hex");
        assertEquals(DhcpV4Message.BOOTREQUEST, m.op());
        assertEquals(0xe2471530, m.xid());                                   // random per exchange
        assertEquals(0, m.flags());                                          // dhclient does not ask for broadcast replies
        assertEquals(0, m.secs());
        assertArrayEquals(BENCH_MAC, m.clientHardwareAddress());             // htype 1, hlen 6
        assertTrue(Ipv4.isUnspecified(m.ciaddr()));                          // no address yet
        assertEquals(DhcpMessageType.DISCOVER, m.messageType().orElseThrow());
        assertEquals("kbcli", m.hostName().orElseThrow());                   // send host-name = gethostname() in dhclient.conf
        assertEquals(DHCLIENT_PRL, m.parameterRequestList());                // the stock "request" line, incl. 119 and 121
        assertTrue(m.clientIdentifier().isEmpty());                          // dhclient identifies by chaddr only
        assertTrue(m.maximumMessageSize().isEmpty());                        // so replies must fit 548 octets
        assertEquals(List.of(53, 12, 55), codes(m));
    }

    @Test
    void dhclientRequestInSelectingState() throws DecodeException {
        DhcpV4Message m = decode("dhclient-request-selecting.hex");
        assertEquals(DhcpMessageType.REQUEST, m.messageType().orElseThrow());
        assertEquals(0x0694327a, m.xid());                                   // same xid as Kea's OFFER (kea-offer.hex)
        assertEquals(Ipv4.parse("192.0.2.1"), m.serverIdentifier().orElseThrow());   // RFC 2131 4.3.2: SELECTING names the server
        assertEquals(Ipv4.parse("192.0.2.100"), m.requestedIpAddress().orElseThrow()); // ... and the offered address
        assertTrue(Ipv4.isUnspecified(m.ciaddr()));                          // ciaddr MUST be 0 in SELECTING
        assertEquals(DHCLIENT_PRL, m.parameterRequestList());
        assertEquals(List.of(53, 54, 50, 12, 55), codes(m));
    }

    @Test
    void dhclientRequestInInitRebootState() throws DecodeException {
        DhcpV4Message m = decode("dhclient-request-init-reboot.hex");
        assertEquals(DhcpMessageType.REQUEST, m.messageType().orElseThrow());
        assertEquals(Ipv4.parse("192.0.2.100"), m.requestedIpAddress().orElseThrow()); // the remembered lease
        assertTrue(m.serverIdentifier().isEmpty());                          // RFC 2131 4.3.2: INIT-REBOOT has no server id
        assertTrue(Ipv4.isUnspecified(m.ciaddr()));                          // ... and ciaddr 0 (that is what tells it from RENEWING)
        assertEquals(0x96cbbe7f, m.xid());
    }

    @Test
    void dhclientRelease() throws DecodeException {
        DhcpV4Message m = decode("dhclient-release.hex");
        assertEquals(DhcpMessageType.RELEASE, m.messageType().orElseThrow());
        assertEquals(Ipv4.parse("192.0.2.100"), m.ciaddr());                 // RFC 2131 4.4.6: the released address is ciaddr
        assertEquals(Ipv4.parse("192.0.2.1"), m.serverIdentifier().orElseThrow());
        assertTrue(m.requestedIpAddress().isEmpty());                        // MUST NOT in RELEASE (table 5)
        assertEquals("kbcli", m.hostName().orElseThrow());
    }

    @Test
    void dhcpcdDiscoverWithRfc4361ClientIdentifier() throws DecodeException {
        DhcpV4Message m = decode("dhcpcd-discover.hex");
        assertEquals(DhcpMessageType.DISCOVER, m.messageType().orElseThrow());
        assertEquals(0x89e4aaae, m.xid());
        assertEquals(List.of(1, 121, 3, 6, 12, 15, 26, 28, 33, 51, 54, 58, 59, 119), m.parameterRequestList());
        assertEquals(1472, m.maximumMessageSize().orElseThrow());            // interface MTU 1500 - 28
        ClientIdentifier cid = m.clientIdentifier().orElseThrow();
        assertEquals(255, cid.type());                                       // RFC 4361 form
        assertTrue(cid.isRfc4361());
        assertEquals(0xc393859aL, cid.iaid().orElseThrow());                 // dhcpcd's IAID: last 4 octets of the MAC
        byte[] duid = cid.duid().orElseThrow();
        assertEquals(1, (duid[0] << 8 | duid[1]));                           // DUID-LLT (RFC 8415 11.2)
        assertArrayEquals(BENCH_MAC, Arrays.copyOfRange(duid, 8, 14)); // ... built from the interface MAC
        assertArrayEquals(new byte[0], m.options().get(80).orElseThrow());   // rapid commit (RFC 4039), empty
        assertArrayEquals(new byte[] {1}, m.options().get(116).orElseThrow()); // auto-config: may use RFC 3927 link-local
        assertArrayEquals(new byte[] {1}, m.options().get(145).orElseThrow()); // forcerenew nonce capable (RFC 6704): unknown, kept raw
    }

    @Test
    void dhcpcdRequestWithRequestedAddressBeforeMessageType() throws DecodeException {
        DhcpV4Message m = decode("dhcpcd-request-selecting.hex");
        assertEquals(List.of(50, 53, 54, 55, 57, 60, 145), codes(m));         // dhcpcd does not put 53 first
        assertEquals(DhcpMessageType.REQUEST, m.messageType().orElseThrow());
        assertEquals(Ipv4.parse("192.0.2.100"), m.requestedIpAddress().orElseThrow());
        assertEquals(Ipv4.parse("192.0.2.1"), m.serverIdentifier().orElseThrow());
        assertEquals(List.of(1, 3, 28, 33, 51, 58, 59), m.parameterRequestList());
        String vendorClass = new String(m.vendorClassIdentifier().orElseThrow(), StandardCharsets.US_ASCII);
        assertTrue(vendorClass.startsWith("dhcpcd-9.4.1:Linux-"), vendorClass); // "dhcpcd-<version>:<os>-<release>:<machine>:<cpu>"
        assertTrue(m.clientIdentifier().isEmpty());                          // this run's config had no clientid/duid line
        assertEquals(328, Datagrams.golden("dhcpcd-request-selecting.hex").length); // no padding: END is the last octet
    }

    @Test
    void dhcpcdRelease() throws DecodeException {
        DhcpV4Message m = decode("dhcpcd-release.hex");
        assertEquals(DhcpMessageType.RELEASE, m.messageType().orElseThrow());
        assertEquals(Ipv4.parse("192.0.2.100"), m.ciaddr());
        assertEquals(Ipv4.parse("192.0.2.1"), m.serverIdentifier().orElseThrow());
        assertEquals(List.of(53, 54), codes(m));
    }

    @Test
    void udhcpcDiscover() throws DecodeException {
        DhcpV4Message m = decode("udhcpc-discover.hex");
        assertEquals(DhcpMessageType.DISCOVER, m.messageType().orElseThrow());
        assertEquals(576, m.maximumMessageSize().orElseThrow());             // udhcpc always claims the RFC minimum
        assertEquals(List.of(1, 3, 6, 12, 15, 28, 42), m.parameterRequestList());
        assertEquals("udhcp 1.35.0", new String(m.vendorClassIdentifier().orElseThrow(), StandardCharsets.US_ASCII));
        ClientIdentifier cid = m.clientIdentifier().orElseThrow();
        assertEquals(1, cid.type());                                         // htype 1 (Ethernet) + MAC, RFC 2132 9.14
        assertArrayEquals(BENCH_MAC, cid.identifier());
        assertFalse(cid.isRfc4361());
    }

    @Test
    void udhcpcRequest() throws DecodeException {
        DhcpV4Message m = decode("udhcpc-request-selecting.hex");
        assertEquals(DhcpMessageType.REQUEST, m.messageType().orElseThrow());
        assertEquals(0xe4a34a07, m.xid());
        assertEquals(Ipv4.parse("192.0.2.100"), m.requestedIpAddress().orElseThrow());
        assertEquals(Ipv4.parse("192.0.2.1"), m.serverIdentifier().orElseThrow());
        assertEquals(List.of(53, 50, 54, 57, 55, 60, 61), codes(m));
    }

    @Test
    void perfdhcpDiscoverLooksRelayed() throws DecodeException {
        DhcpV4Message m = decode("perfdhcp-discover.hex");
        assertEquals(DhcpMessageType.DISCOVER, m.messageType().orElseThrow());
        assertEquals(1, m.hops());                                           // perfdhcp poses as a relay ...
        assertEquals(Ipv4.parse("192.0.2.3"), m.giaddr());                   // ... with its own address as giaddr
        assertEquals(0, m.xid());                                            // its first transaction id
        assertArrayEquals(PERFDHCP_MAC, m.clientHardwareAddress());
        assertEquals(List.of(1, 28, 2, 3, 15, 6, 12), m.parameterRequestList());
        assertEquals(new ClientIdentifier(1, PERFDHCP_MAC), m.clientIdentifier().orElseThrow());
        assertEquals(262, Datagrams.golden("perfdhcp-discover.hex").length); // perfdhcp does not pad to 300
    }

    @Test
    void perfdhcpRelayedDiscoverCarriesRelayAgentInformation() throws DecodeException {
        DhcpV4Message m = decode("perfdhcp-relayed-discover-opt82.hex");
        assertEquals(Ipv4.parse("192.0.2.2"), m.giaddr());
        RelayAgentInformation rai = m.relayAgentInformation().orElseThrow();
        assertArrayEquals("eth0".getBytes(StandardCharsets.US_ASCII), rai.circuitId().orElseThrow());      // sub 1
        assertArrayEquals(HexFormat.of().parseHex("aabbccddeeff"), rai.remoteId().orElseThrow());          // sub 2
        assertEquals(Ipv4.parse("198.18.0.0"), rai.linkSelection().orElseThrow());                          // sub 5, RFC 3527
        assertEquals(Ipv4.parse("192.0.2.2"), rai.serverIdentifierOverride().orElseThrow());                // sub 11, RFC 5107
        assertEquals(4, rai.subOptions().size());
    }

    @Test
    void keaOffer() throws DecodeException {
        DhcpV4Message m = decode("kea-offer.hex");
        assertEquals(DhcpV4Message.BOOTREPLY, m.op());
        assertEquals(DhcpMessageType.OFFER, m.messageType().orElseThrow());
        assertEquals(0x0694327a, m.xid());                                   // echoes the DISCOVER
        assertEquals(Ipv4.parse("192.0.2.100"), m.yiaddr());                 // first address of the pool
        assertEquals(Ipv4.parse("192.0.2.1"), m.serverIdentifier().orElseThrow());
        assertEquals(3600, m.ipAddressLeaseTime().orElseThrow());            // valid-lifetime
        assertEquals(900, m.renewalTime().orElseThrow());                    // renew-timer
        assertEquals(1800, m.rebindingTime().orElseThrow());                 // rebind-timer
        assertArrayEquals(Ipv4.parse("255.255.255.0").getAddress(), m.options().get(1).orElseThrow());
        assertArrayEquals(Ipv4.parse("192.0.2.1").getAddress(), m.options().get(3).orElseThrow());
        assertEquals("kbcli", m.hostName().orElseThrow());                   // Kea echoes the client's host name
        assertEquals(287, Datagrams.golden("kea-offer.hex").length);         // Kea 2.2 does not pad to 300
    }

    @Test
    void keaAck() throws DecodeException {
        DhcpV4Message m = decode("kea-ack.hex");
        assertEquals(DhcpMessageType.ACK, m.messageType().orElseThrow());
        assertEquals(Ipv4.parse("192.0.2.100"), m.yiaddr());
        assertEquals(List.of(53, 1, 3, 12, 51, 54, 58, 59), codes(m));
    }

    @Test
    void keaOfferToRelayEchoesRelayAgentInformation() throws DecodeException {
        DhcpV4Message request = decode("perfdhcp-relayed-discover-opt82.hex");
        DhcpV4Message m = decode("kea-offer-relayed-opt82.hex");
        assertEquals(DhcpMessageType.OFFER, m.messageType().orElseThrow());
        assertEquals(Ipv4.parse("198.18.0.10"), m.yiaddr());                 // subnet chosen by the link selection sub-option
        assertArrayEquals(Ipv4.parse("255.254.0.0").getAddress(), m.options().get(1).orElseThrow());
        assertEquals(request.giaddr(), m.giaddr());
        assertEquals(request.relayAgentInformation(), m.relayAgentInformation()); // RFC 3046 2.2: echoed unchanged
        assertEquals(request.clientIdentifier(), m.clientIdentifier());      // RFC 6842: client id echoed
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "dhclient-discover.hex", "dhclient-request-selecting.hex", "dhclient-request-init-reboot.hex", "dhclient-release.hex",
        "dhcpcd-discover.hex", "dhcpcd-request-selecting.hex", "dhcpcd-release.hex",
        "udhcpc-discover.hex", "udhcpc-request-selecting.hex",
        "perfdhcp-discover.hex", "perfdhcp-relayed-discover-opt82.hex",
        "kea-offer.hex", "kea-ack.hex", "kea-offer-relayed-opt82.hex"})
    void reEncodingPreservesEveryOptionAndHeaderField(String name) throws DecodeException {
        byte[] original = Datagrams.golden(name);
        DhcpV4Message m = decode(name);
        byte[] again = DhcpV4Codec.encode(m, DhcpV4Codec.DEFAULT_MAX_PAYLOAD);
        DhcpV4Message back = DhcpV4Codec.decode(again);
        assertEquals(byCode(m), byCode(back), "every option with its value");
        // op, htype, hlen, hops, xid, secs, flags, the four addresses, chaddr, sname and file
        assertArrayEquals(Arrays.copyOf(original, 236), Arrays.copyOf(again, 236), "fixed header octet for octet");
        if (original.length >= 300 && codes(m).get(0) == 53) {
            // 53 already first and the client padded to 300 (or needed more): the encoding is the same octets.
            assertArrayEquals(original, again, "byte-exact re-encoding of " + name);
        }
    }

    private static List<Integer> codes(DhcpV4Message m) {
        return m.options().all().stream().map(DhcpV4Option::code).toList();
    }

    private static Map<Integer, String> byCode(DhcpV4Message m) {
        Map<Integer, String> out = new TreeMap<>();
        m.options().all().forEach(o -> out.put(o.code(), HexFormat.of().formatHex(o.value())));
        return out;
    }
}
