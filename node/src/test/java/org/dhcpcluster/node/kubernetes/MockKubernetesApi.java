package org.dhcpcluster.node.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * fabric8's mock Kubernetes API server over HTTPS, holding pods the way a Deployment's would
 * look: labels, a pod IP, a Running phase and the container's named ports. A node's
 * kubernetes-api discovery reads them like it reads a real API server: the CA certificate and
 * token from files, the address from KUBERNETES_SERVICE_HOST / _PORT ({@link #environment()}).
 */
public final class MockKubernetesApi implements AutoCloseable {
    public static final String NAMESPACE = "dhcp";

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;
    private final Path tokenFile;

    private MockKubernetesApi(KubernetesMockServer server, Path tokenFile) {
        this.server = server;
        this.client = server.createClient();
        this.tokenFile = tokenFile;
    }

    public static MockKubernetesApi start(Path dir) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new JsonCrudDispatcher(), true);
        try {
            server.init(InetAddress.getLoopbackAddress(), 0);
            Path token = dir.resolve("token");
            Files.writeString(token, "test-service-account-token");
            return new MockKubernetesApi(server, token);
        } catch (IOException e) {
            server.destroy();
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The mock labels its answers application/octet-stream; a real API server says
     * application/json, and Pekko's discovery refuses anything else.
     */
    private static final class JsonCrudDispatcher extends KubernetesCrudDispatcher {
        @Override
        public MockResponse handleGet(String path) {
            return super.handleGet(path).setHeader("Content-Type", "application/json");
        }
    }

    /** A pod of the chart's workload: the node's ports named as the chart names them. */
    public void addPod(String name, Map<String, String> labels, String podIp, int managementPort, int remotingPort) {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("node").withImage("dhcp-node")
                .addNewPort().withName("management").withContainerPort(managementPort).withProtocol("TCP").endPort()
                .addNewPort().withName("remoting").withContainerPort(remotingPort).withProtocol("TCP").endPort()
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP(podIp).endStatus()
                .build();
        client.pods().inNamespace(NAMESPACE).resource(pod).create();
    }

    /** What a pod's container sees: the API server's address. */
    public Map<String, String> environment() {
        return Map.of("KUBERNETES_SERVICE_HOST", server.getHostName(), "KUBERNETES_SERVICE_PORT", String.valueOf(server.getPort()));
    }

    public Path caCertificate() {
        return Path.of(server.getSelfSignedCertificate().certificatePath());
    }

    public Path token() {
        return tokenFile;
    }

    /** Requests that listed pods by label selector, as discovery sends them. */
    public int podListRequests() {
        return server.getRequestCount();
    }

    public NamespacedKubernetesClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
