package org.dhcpcluster.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dhcpcluster.node.support.ManagementToken;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.persistence.LeaseJournal4;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.dhcpcluster.node.config.NodeConfigLoader;
import org.dhcpcluster.node.support.LeaseApiPages;
import org.dhcpcluster.node.support.TestNodes;
import org.dhcpcluster.node.support.TestRelay4;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;
import org.junit.jupiter.api.AfterEach;
import org.dhcpcluster.node.testing.Poll;
import org.junit.jupiter.api.Test;

/**
 * A whole node (real UDP socket, real PostgreSQL journal, real sharding) serving clients
 * through a relay on loopback.
 */
class RelayedDhcp4Test {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);
    private static final String POOL = "192.0.2.100 - 192.0.2.199";

    private final DatabaseSettings db = EmbeddedPostgresFixture.freshDatabase();
    private final int port = TestNodes.freeUdpPort();
    private NodeRuntime node;
    private TestRelay4 relay;

    private void startNode() {
        var raw = TestNodes.loopbackNode(db, port, POOL);
        node = NodeRuntime.start(NodeConfigLoader.read(raw), raw);
        relay = new TestRelay4(new InetSocketAddress("127.0.0.1", port));
    }

    private void stopNode() {
        relay.close();
        node.close();
        relay = null;
        node = null;
    }

    @AfterEach
    void stop() {
        if (node != null) {
            stopNode();
        }
    }

    private DhcpV4Message dora(ClientMessages4 c) {
        DhcpV4Message offer = relay.exchange(c.newTransaction().discover(), REPLY_TIMEOUT).orElseThrow(() -> new AssertionError("no OFFER"));
        assertEquals(DhcpMessageType.OFFER, offer.messageType().orElseThrow());
        DhcpV4Message ack = relay.exchange(c.requestSelecting("192.0.2.1", Ipv4.toInt(offer.yiaddr())), REPLY_TIMEOUT)
                .orElseThrow(() -> new AssertionError("no ACK"));
        assertEquals(DhcpMessageType.ACK, ack.messageType().orElseThrow(), ack.toString());
        return ack;
    }

    private List<LeaseJournal4.Binding> journal() throws Exception {
        return new LeaseJournal4(node.system()).bindings(System.currentTimeMillis()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void relayedClientsCompleteDoraWithDistinctAddressesFromThePool() throws Exception {
        startNode();
        Set<String> addresses = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            DhcpV4Message ack = dora(new ClientMessages4(100 + i).via(TestRelay4.RELAY_ADDRESS));
            assertEquals(Ipv4.parse("192.0.2.1"), ack.serverIdentifier().orElseThrow());
            assertEquals(Ipv4.parse(TestRelay4.RELAY_ADDRESS), ack.giaddr());
            assertTrue(addresses.add(ack.yiaddr().getHostAddress()), "address handed out twice: " + ack.yiaddr());
        }
        List<LeaseJournal4.Binding> bound = journal().stream().filter(b -> b.state().equals("bound")).toList();
        assertEquals(40, bound.size());
        assertEquals(addresses, new HashSet<>(bound.stream().map(LeaseJournal4.Binding::addressText).toList()));
    }

    /**
     * Option 61 at its longest (255 octets, RFC 2132 9.14): two clients whose identifiers differ
     * only in the last octet, behind the same hardware address, are two clients with a lease
     * each, renewed, and recorded under their whole identifiers.
     */
    @Test
    void clientsWithTheLongestClientIdentifiersEachGetAndRenewTheirOwnLease() throws Exception {
        startNode();
        Map<String, String> addressByKey = new HashMap<>();
        for (int last = 1; last <= 2; last++) {
            byte[] id = new byte[255];
            id[0] = 0; // type 0: an opaque identifier, not a hardware address
            Arrays.fill(id, 1, 255, (byte) 0xab);
            id[254] = (byte) last;
            ClientMessages4 c = new ClientMessages4(7).via(TestRelay4.RELAY_ADDRESS).withClientId(id);
            String address = dora(c).yiaddr().getHostAddress();
            DhcpV4Message renewed = relay.exchange(c.newTransaction().requestRenewing(address), REPLY_TIMEOUT)
                    .orElseThrow(() -> new AssertionError("no answer to the renewal"));
            assertEquals(DhcpMessageType.ACK, renewed.messageType().orElseThrow());
            assertEquals(address, renewed.yiaddr().getHostAddress());
            addressByKey.put("id-" + HexFormat.of().formatHex(id), address);
        }
        assertEquals(2, new HashSet<>(addressByKey.values()).size(), "two identifiers, two addresses: " + addressByKey);
        Map<String, String> bound = journal().stream().filter(b -> b.state().equals("bound"))
                .collect(java.util.stream.Collectors.toMap(LeaseJournal4.Binding::clientKey, LeaseJournal4.Binding::addressText));
        assertEquals(addressByKey, bound, "each lease recorded under its client's whole identifier");
    }

    @Test
    void leasesGrantedBeforeARestartAreFoundAfterIt() throws Exception {
        startNode();
        Map<ClientMessages4, String> granted = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            ClientMessages4 c = new ClientMessages4(200 + i).via(TestRelay4.RELAY_ADDRESS);
            granted.put(c, dora(c).yiaddr().getHostAddress());
        }
        stopNode();
        startNode();
        for (var e : granted.entrySet()) {
            DhcpV4Message ack = relay.exchange(e.getKey().newTransaction().requestInitReboot(e.getValue()), REPLY_TIMEOUT)
                    .orElseThrow(() -> new AssertionError("no answer to INIT-REBOOT after restart"));
            assertEquals(DhcpMessageType.ACK, ack.messageType().orElseThrow(), "client keeps its address after a restart");
            assertEquals(e.getValue(), ack.yiaddr().getHostAddress());
        }
        ClientMessages4 thief = new ClientMessages4(299).via(TestRelay4.RELAY_ADDRESS);
        String taken = granted.values().iterator().next();
        assertTrue(relay.exchange(thief.requestInitReboot(taken), Duration.ofSeconds(2))
                .flatMap(DhcpV4Message::messageType).filter(DhcpMessageType.ACK::equals).isEmpty(),
                "another client must not be given an address leased before the restart");
        DhcpV4Message fresh = dora(thief.newTransaction());
        assertFalse(granted.containsValue(fresh.yiaddr().getHostAddress()));
    }

    @Test
    void malformedDatagramsAreDroppedAndCountedAndTheNodeKeepsServing() {
        startNode();
        relay.sendRaw(new byte[] {1, 2, 3});
        byte[] badCookie = new byte[300];
        badCookie[0] = 1;
        relay.sendRaw(badCookie);
        DhcpV4Message ok = new ClientMessages4(300).via(TestRelay4.RELAY_ADDRESS).discover();
        relay.sendRaw(DhcpV4Codec.encode(ok.toBuilder().removeOption(53).build(), 548));
        assertNotNull(dora(new ClientMessages4(301).via(TestRelay4.RELAY_ADDRESS)));
        assertEquals(1.0, node.metrics().count("dhcp4_dropped_total", "truncated"));
        assertEquals(1.0, node.metrics().count("dhcp4_dropped_total", "bad_magic_cookie"));
        assertEquals(1.0, node.metrics().count("dhcp4_dropped_total", "bootp"));
    }

    @Test
    void aDiscoverDeliveredTwiceGetsOneOffer() {
        startNode();
        DhcpV4Message discover = new ClientMessages4(400).via(TestRelay4.RELAY_ADDRESS).discover();
        relay.send(discover);
        relay.send(discover);
        assertTrue(relay.receive(REPLY_TIMEOUT).isPresent());
        assertTrue(relay.receive(Duration.ofSeconds(1)).isEmpty(), "the copy must not be answered");
        assertEquals(1.0, node.metrics().count("dhcp4_silent_total", "duplicate"));
    }

    @Test
    void theLeaseApiListsBindingsFromTheReadModel() throws Exception {
        startNode();
        String address = dora(new ClientMessages4(500).via(TestRelay4.RELAY_ADDRESS)).yiaddr().getHostAddress();
        String body = LeaseApiPages.all(p -> ManagementToken.get(node.management().address().getPort(), p), "/api/v4/leases").orElseThrow();
        assertTrue(body.contains("\"address\":\"" + address + "\""), body);
        assertTrue(body.contains("\"state\":\"bound\""), body);
        // readiness is checked in the background (database, shard coordinator): it may lag a start by a second
        var ready = URI.create("http://127.0.0.1:" + node.management().address().getPort() + "/ready");
        Poll.until(Duration.ofSeconds(10), () -> {
            try {
                return HttpClient.newHttpClient().send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }, () -> "the node never reported ready");
    }
}
