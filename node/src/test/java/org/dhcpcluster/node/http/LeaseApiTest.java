package org.dhcpcluster.node.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.node.support.ManagementToken;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.dhcpcluster.node.NodeRuntime;
import org.dhcpcluster.node.config.NodeConfigLoader;
import org.dhcpcluster.node.support.LeaseApiPages;
import org.dhcpcluster.node.support.LeaseRecords4;
import org.dhcpcluster.node.support.TestNodes;
import org.dhcpcluster.node.support.TestRelay4;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.OptionCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lease API of a running node, read from the read model: pages, filters, history, the
 * projection's progress, and a 400 naming the parameter for every query it cannot use.
 */
class LeaseApiTest {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);
    private static final int CLIENTS = 5;
    private static final DatabaseSettings DB = EmbeddedPostgresFixture.freshDatabase();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> ADDRESSES = new ArrayList<>();
    private static NodeRuntime node;
    private static Instant boundAt;

    @BeforeAll
    static void nodeWithLeases() {
        int port = TestNodes.freeUdpPort();
        var raw = TestNodes.loopbackNode(DB, port, "192.0.2.100 - 192.0.2.199");
        node = NodeRuntime.start(NodeConfigLoader.read(raw), raw);
        try (TestRelay4 relay = new TestRelay4(new InetSocketAddress("127.0.0.1", port))) {
            for (int i = 0; i < CLIENTS; i++) {
                ClientMessages4 c = new ClientMessages4(500 + i).via(TestRelay4.RELAY_ADDRESS);
                DhcpV4Message offer = relay.exchange(named(c.newTransaction().discover(), i), REPLY_TIMEOUT).orElseThrow();
                DhcpV4Message ack = relay.exchange(named(c.requestSelecting("192.0.2.1", Ipv4.toInt(offer.yiaddr())), i), REPLY_TIMEOUT)
                        .orElseThrow();
                assertEquals(DhcpMessageType.ACK, ack.messageType().orElseThrow());
                ADDRESSES.add(ack.yiaddr().getHostAddress());
            }
        }
        boundAt = Instant.now();
        LeaseApiPages.all(LeaseApiTest::ok, "/api/v4/leases").orElseThrow();
    }

    /** What the last client calls itself: control characters, a quote, a backslash, markup. */
    private static final String HOSTILE_HOSTNAME = "Printer-" + (CLIENTS - 1) + "\u0001\u001b[0m\"quoted\"\\back\tslash</script>";

    private static DhcpV4Message named(DhcpV4Message m, int i) {
        String name = i == CLIENTS - 1 ? HOSTILE_HOSTNAME : "Printer-" + i;
        return m.toBuilder().option(OptionCode.HOST_NAME, name.getBytes(StandardCharsets.US_ASCII)).build();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static HttpResponse<String> get(String pathAndQuery) {
        try {
            return HTTP.send(ManagementToken.request(URI.create("http://127.0.0.1:" + node.management().address().getPort() + pathAndQuery))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(pathAndQuery + ": " + e, e);
        }
    }

    private static Optional<String> ok(String pathAndQuery) {
        HttpResponse<String> r = get(pathAndQuery);
        return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
    }

    private static List<String> clients(String pathAndQuery) {
        return LeaseRecords4.parse(ok(pathAndQuery).orElseThrow()).entries().stream().map(LeaseRecords4.Entry::client).toList();
    }

    @Test
    void everyBindingIsListedPageByPageWithAddressClientAndStateFirst() {
        String all = LeaseApiPages.all(LeaseApiTest::ok, "/api/v4/leases").orElseThrow();
        LeaseRecords4 records = LeaseRecords4.parse(all);
        assertEquals(ADDRESSES.stream().sorted().toList(), records.entries().stream().map(LeaseRecords4.Entry::address).sorted().toList());
        assertEquals(CLIENTS, records.bound());
        assertTrue(all.contains("\"relay\":\"" + TestRelay4.RELAY_ADDRESS + "\""), all);
        assertTrue(all.contains("\"hostname\":\"Printer-0\""), all);

        String first = ok("/api/v4/leases?limit=2").orElseThrow();
        assertEquals(2, LeaseRecords4.parse(first).entries().size());
        String next = LeaseRecords4.parse(first).entries().get(1).address();
        assertTrue(first.contains("\"next\":\"" + next + "\""), first);
        String second = ok("/api/v4/leases?limit=2&after=" + next).orElseThrow();
        assertTrue(Ipv4.toInt(Ipv4.parse(LeaseRecords4.parse(second).entries().get(0).address())) > Ipv4.toInt(Ipv4.parse(next)),
                "the second page starts after the first");
        assertTrue(ok("/api/v4/leases?limit=" + (CLIENTS + 1)).orElseThrow().contains("\"next\":null"), "one page holds them all");
    }

    @Test
    void filtersFindOneClientByHardwareAddressHostNameAndAddress() {
        // Client 500 has MAC 02:00:00:00:01:f4, written here as an operator might.
        assertEquals(List.of("hw-1-0200000001f4"), clients("/api/v4/leases?hw-address=02-00-00-00-01-F4"));
        assertEquals(List.of("hw-1-0200000001f7"), clients("/api/v4/leases?hostname=printer-3"));
        assertEquals(1, clients("/api/v4/leases?address=" + ADDRESSES.get(2) + "&state=bound&subnet=1").size());
        assertEquals(List.of(), clients("/api/v4/leases?state=released"));
        assertEquals(List.of(), clients("/api/v4/leases?subnet=2"));
    }

    @Test
    void historySaysWhoHeldAnAddressAtATime() {
        String held = ok("/api/v4/leases/history?address=" + ADDRESSES.get(0) + "&at=" + boundAt).orElseThrow();
        assertTrue(held.contains("\"client\":\"hw-1-0200000001f4\""), held);
        assertEquals("{\"history\":[]}\n", ok("/api/v4/leases/history?address=" + ADDRESSES.get(0) + "&at=2020-01-01T00:00:00Z").orElseThrow());
        String byClient = ok("/api/v4/leases/history?hw-address=02:00:00:00:01:f5").orElseThrow();
        assertTrue(byClient.contains("\"address\":\"" + ADDRESSES.get(1) + "\""), byClient);
    }

    @Test
    void theHistorysSelfCheckFindsNoAddressBoundTwice() {
        assertEquals("{\"overlaps\":[]}\n", ok("/api/v4/leases/overlaps").orElseThrow());
        assertEquals("{\"overlaps\":[]}\n", ok("/api/v6/leases/overlaps").orElseThrow());
    }

    @Test
    void theProjectionReportsItsProgressPerTag() {
        String body = ok("/api/projection").orElseThrow();
        assertTrue(body.contains("\"caught_up\":true"), body);
        for (int i = 0; i < 4; i++) {
            assertTrue(body.contains("\"tag\":\"leases-" + i + "\""), body);
        }
    }

    @Test
    void badParametersAreRefusedNamingTheParameterAndTheProblem() {
        refused("/api/v4/leases?limit=0", "parameter 'limit': \"0\": outside 1..10000");
        refused("/api/v4/leases?limit=ten", "parameter 'limit': \"ten\": not a whole number");
        refused("/api/v4/leases?hw-address=zz:00", "parameter 'hw-address'");
        refused("/api/v4/leases?after=300.1.2.3", "parameter 'after'");
        refused("/api/v4/leases?state=lost", "parameter 'state': \"lost\": not a state");
        refused("/api/v4/leases?limit=5&limit=6", "parameter 'limit': given more than once");
        refused("/api/v4/leases?duid=0001", "parameter 'duid': unknown here");
        refused("/api/v6/leases?client-id=01aa", "parameter 'client-id': unknown here");
        refused("/api/v6/leases?address=2001:db8::1/129", "parameter 'address'");
        refused("/api/v4/leases/history", "parameter 'address': give address");
        refused("/api/v4/leases/history?at=2026-01-01T00:00:00Z", "parameter 'at': needs address");
        refused("/api/v4/leases/history?address=192.0.2.1&at=yesterday", "parameter 'at'");
        refused("/api/v4/leases/history?address=192.0.2.1&hostname=x", "parameter 'hostname': cannot be combined with address");
        assertEquals(404, get("/api/v4/leasesX").statusCode());
    }

    @Test
    void aHostileHostNameIsListedAsValidJsonThatParsesBackToIt() throws Exception {
        List<String> hostnames = new ArrayList<>();
        String all = LeaseApiPages.all(LeaseApiTest::ok, "/api/v4/leases").orElseThrow();
        // One JSON document per page, each on its own line.
        for (String page : all.split("\n")) {
            new ObjectMapper().readTree(page).get("leases").forEach(lease -> hostnames.add(lease.path("hostname").asText()));
        }
        assertTrue(hostnames.contains(HOSTILE_HOSTNAME), hostnames.toString());
    }

    private static void refused(String pathAndQuery, String message) {
        HttpResponse<String> r = get(pathAndQuery);
        assertEquals(400, r.statusCode(), pathAndQuery + " -> " + r.body());
        assertTrue(r.body().startsWith("{\"error\":\"") && r.body().contains(message.replace("\"", "\\\"")), r.body());
    }
}
