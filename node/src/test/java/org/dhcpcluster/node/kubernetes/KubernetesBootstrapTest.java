package org.dhcpcluster.node.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dhcpcluster.node.support.ManagementToken;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.dhcpcluster.node.support.NodeProcess;
import org.dhcpcluster.node.support.TestNodes;
import org.dhcpcluster.node.support.TestRelay4;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster bootstrap as on Kubernetes, against fabric8's mock API server: three node processes,
 * each on its own loopback address as pods have their own IPs, are given no seed nodes, only a
 * pod label selector. Each lists the pods through the API (HTTPS, service-account token and
 * CA from files), probes the others' Pekko Management port named "management", and together
 * they form one cluster. A pod of another release, whose address answers nothing, must not
 * be selected: bootstrap waits for every contact point it finds, so selecting it would stop
 * the cluster from forming.
 */
class KubernetesBootstrapTest {
    private static final Map<String, String> OUR_LABELS = Map.of("app.kubernetes.io/name", "dhcp-cluster", "app.kubernetes.io/instance", "lab");
    private static final String SELECTOR = "app.kubernetes.io/name=dhcp-cluster,app.kubernetes.io/instance=lab";
    private static final Duration FORMED_WITHIN = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private final List<NodeProcess> nodes = new ArrayList<>();
    private MockKubernetesApi api;

    @AfterEach
    void stop() {
        nodes.forEach(NodeProcess::close);
        if (api != null) {
            api.close();
        }
    }

    @Test
    void threeNodesFindEachOtherInThePodListAndFormOneCluster() throws Exception {
        DatabaseSettings db = EmbeddedPostgresFixture.freshDatabase();
        api = MockKubernetesApi.start(dir);
        int managementPort = freeTcpPort();
        int remotingPort = freeTcpPort();
        api.addPod("dhcp-other-0", Map.of("app.kubernetes.io/name", "dhcp-cluster", "app.kubernetes.io/instance", "other"),
                "127.0.0.29", managementPort, remotingPort);
        List<String> podIps = List.of("127.0.0.21", "127.0.0.22", "127.0.0.23");
        for (int i = 0; i < podIps.size(); i++) {
            api.addPod("dhcp-" + i, OUR_LABELS, podIps.get(i), managementPort, remotingPort);
        }

        List<Integer> httpPorts = new ArrayList<>();
        List<Integer> dhcpPorts = new ArrayList<>();
        for (String ip : podIps) {
            int http = freeTcpPort();
            int dhcp = TestNodes.freeUdpPort();
            Path nodeDir = Files.createDirectories(dir.resolve(ip));
            Path config = TestNodes.write(podConfig(db, managementPort, remotingPort, http, dhcp), nodeDir);
            Map<String, String> env = new HashMap<>(api.environment());
            env.put("POD_IP", ip);
            nodes.add(NodeProcess.launch(config, nodeDir, Optional.empty(), env));
            httpPorts.add(http);
            dhcpPorts.add(dhcp);
        }
        for (NodeProcess n : nodes) {
            n.awaitLog("event=node_ready", FORMED_WITHIN);
        }

        for (int http : httpPorts) {
            String members = get(http, "/api/cluster");
            for (String ip : podIps) {
                assertTrue(members.contains("pekko://dhcp@" + ip + ":" + remotingPort), "member " + ip + " missing: " + members);
            }
            assertEquals(3, count(Pattern.compile("\"status\":\"Up\""), members), members);
            awaitReady(http);
        }
        assertTrue(nodes.get(0).logText().contains("event=cluster_bootstrap"), nodes.get(0).tail());
        assertTrue(api.podListRequests() >= 3, "every node lists the pods through the API");

        // The cluster serves: a relayed client is answered by the third pod.
        try (TestRelay4 relay = new TestRelay4(new InetSocketAddress("127.0.0.1", dhcpPorts.get(2)))) {
            DhcpV4Message offer = relay.exchange(new ClientMessages4(7).via(TestRelay4.RELAY_ADDRESS).discover(), Duration.ofSeconds(15))
                    .orElseThrow(() -> new AssertionError("no OFFER from the bootstrapped cluster"));
            assertEquals(DhcpMessageType.OFFER, offer.messageType().orElseThrow());
        }
    }

    /** The shape the Helm chart renders: no seed nodes, a bootstrap by label selector, the pod IP from the environment. */
    private Config podConfig(DatabaseSettings db, int managementPort, int remotingPort, int httpPort, int dhcpPort) {
        String cluster = """
                dhcp.management { host = "127.0.0.1", port = %d, %s }
                dhcp.cluster {
                  host = ${POD_IP}
                  port = %d
                  app-version = "1.0.3"
                  bootstrap {
                    discovery = "kubernetes-api"
                    pod-label-selector = "%s"
                    pod-namespace = "%s"
                    required-contact-points = 3
                    management-host = ${POD_IP}
                    management-port = %d
                    api-ca-path = "%s"
                    api-token-path = "%s"
                  }
                }
                """.formatted(httpPort, ManagementToken.setting(), remotingPort, SELECTOR, MockKubernetesApi.NAMESPACE, managementPort, api.caCertificate(), api.token());
        // ${POD_IP} is left for the node to resolve from its environment, as in a pod.
        return ConfigFactory.parseString(cluster).withFallback(TestNodes.loopbackNode(db, dhcpPort, "192.0.2.10 - 192.0.2.250")
                .withoutPath("dhcp.cluster").withoutPath("dhcp.management"));
    }

    private static void awaitReady(int httpPort) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
            if (status == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("node on " + httpPort + " not ready: " + status);
    }

    private static String get(int httpPort, String path) throws Exception {
        return HttpClient.newHttpClient().send(ManagementToken.request(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static int freeTcpPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
