package org.dhcpcluster.node.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.dhcpcluster.node.NodeRuntime;
import org.dhcpcluster.node.config.NodeConfigLoader;
import org.dhcpcluster.node.support.ManagementToken;
import org.dhcpcluster.node.support.TestNodes;
import org.dhcpcluster.node.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every protected route of a running node, taken from the same registry the server is built
 * from ({@link ManagementServer#protectedRoutes}), on every address it listens on: one
 * loopback address and 127.0.0.2 standing in for the pod network. Without credentials or with
 * something that is not bearer credentials: 401 and a Bearer challenge; with another token: 403;
 * with the token: answered. GET /leave is refused and does nothing; the open probes need nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManagementAuthTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Queries for routes that answer 400 without one (the history needs an address or a client). */
    private static final Map<String, String> NEEDED_QUERY = Map.of(
            "/api/v4/leases/history", "?address=192.0.2.10",
            "/api/v6/leases/history", "?address=2001:db8::10");
    private static NodeRuntime node;

    @BeforeAll
    static void nodeOnTwoAddresses() {
        int dhcpPort = TestNodes.freeUdpPort();
        Config raw = ConfigFactory.parseString("dhcp.management.hosts = [\"127.0.0.1\", \"127.0.0.2\"]")
                .withFallback(TestNodes.loopbackNode(EmbeddedPostgresFixture.freshDatabase(), dhcpPort, "192.0.2.10 - 192.0.2.20")
                        .withoutPath("dhcp.management.host"));
        node = NodeRuntime.start(NodeConfigLoader.read(raw), raw);
        Poll.until(Duration.ofSeconds(20), node::isReady, () -> "never ready");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static List<InetSocketAddress> addresses() {
        List<InetSocketAddress> a = node.management().addresses();
        assertEquals(List.of("127.0.0.1", "127.0.0.2"), a.stream().map(s -> s.getAddress().getHostAddress()).toList());
        return a;
    }

    private static HttpResponse<String> send(InetSocketAddress at, String method, String pathAndQuery, Optional<String> authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + at.getAddress().getHostAddress() + ":" + at.getPort() + pathAndQuery))
                .timeout(Duration.ofSeconds(60)).method(method, HttpRequest.BodyPublishers.noBody());
        authorization.ifPresent(v -> b.header("Authorization", v));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + pathAndQuery + " on " + at + ": " + e, e);
        }
    }

    @Test
    @Order(1)
    void theRegistryHoldsEveryApiRouteAndLeave() {
        List<String> paths = node.management().protectedRoutes().stream().map(ProtectedRoute::path).toList();
        assertTrue(paths.contains("/leave"), paths.toString());
        assertTrue(paths.contains("/api/cluster") && paths.contains("/api/v4/leases") && paths.contains("/api/projection"), paths.toString());
    }

    @Test
    @Order(2)
    void missingOrMalformedCredentialsAre401WithABearerChallengeOnEveryRouteAndAddress() {
        List<Optional<String>> refused = List.of(Optional.empty(), Optional.of("Basic dXNlcjpwYXNz"), Optional.of("Bearer"),
                Optional.of("Bearer two words"), Optional.of(ManagementToken.authorization().substring("Bearer ".length())));
        List<String> wrong = new ArrayList<>();
        for (InetSocketAddress at : addresses()) {
            for (ProtectedRoute r : node.management().protectedRoutes()) {
                for (Optional<String> credentials : refused) {
                    HttpResponse<String> resp = send(at, r.method(), r.path(), credentials);
                    String challenge = resp.headers().firstValue("WWW-Authenticate").orElse("");
                    if (resp.statusCode() != 401 || !challenge.startsWith("Bearer")) {
                        wrong.add(r.method() + " " + r.path() + " on " + at + " with " + credentials.map(c -> "'" + c.replaceAll("[A-Za-z0-9]{8,}", "<token>") + "'")
                                .orElse("no Authorization") + ": " + resp.statusCode() + " " + challenge);
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    @Order(3)
    void anotherTokenIs403OnEveryRouteAndAddress() {
        String ours = ManagementToken.authorization();
        List<String> others = List.of("Bearer " + "A".repeat(48), ours.substring(0, ours.length() - 1), ours + "x", "bearer " + "B".repeat(20));
        List<String> wrong = new ArrayList<>();
        for (InetSocketAddress at : addresses()) {
            for (ProtectedRoute r : node.management().protectedRoutes()) {
                for (String other : others) {
                    HttpResponse<String> resp = send(at, r.method(), r.path(), Optional.of(other));
                    if (resp.statusCode() != 403) {
                        wrong.add(r.method() + " " + r.path() + " on " + at + ": " + resp.statusCode());
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    @Order(4)
    void theTokenOpensEveryQueryRouteOnEveryAddressWithJsonAnswers() throws Exception {
        for (InetSocketAddress at : addresses()) {
            for (ProtectedRoute r : node.management().protectedRoutes()) {
                if (!r.method().equals("GET")) {
                    continue; // POST /leave acts: it is the last test
                }
                HttpResponse<String> resp = send(at, "GET", r.path() + NEEDED_QUERY.getOrDefault(r.path(), ""),
                        Optional.of(ManagementToken.authorization()));
                assertEquals(200, resp.statusCode(), r.path() + " on " + at + ": " + resp.body());
                assertTrue(JSON.readTree(resp.body()).isObject(), resp.body());
            }
        }
    }

    @Test
    @Order(5)
    void theProbesAndMetricsStayOpen() {
        for (InetSocketAddress at : addresses()) {
            for (String open : List.of("/health", "/ready", "/metrics")) {
                assertEquals(200, send(at, "GET", open, Optional.empty()).statusCode(), open + " on " + at);
            }
        }
    }

    @Test
    @Order(6)
    void leaveByGetIsRefusedAndTheNodeStays() throws Exception {
        for (InetSocketAddress at : addresses()) {
            HttpResponse<String> resp = send(at, "GET", "/leave", Optional.of(ManagementToken.authorization()));
            assertEquals(405, resp.statusCode(), resp.body());
        }
        assertFalse(node.system().getWhenTerminated().toCompletableFuture().isDone(), "the node is still running");
        assertTrue(node.isReady(), "a refused GET /leave does not start a departure");
        assertEquals(200, send(addresses().get(0), "GET", "/ready", Optional.empty()).statusCode());
    }

    @Test
    @Order(7)
    void leaveByPostWithTheTokenIsObeyedOnThePodAddress() throws Exception {
        HttpResponse<String> resp = send(addresses().get(1), "POST", "/leave", Optional.of(ManagementToken.authorization()));
        assertEquals(200, resp.statusCode(), resp.body());
        assertTrue(JSON.readTree(resp.body()).has("left"), resp.body());
        node.system().getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
