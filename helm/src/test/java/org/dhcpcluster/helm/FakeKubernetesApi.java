package org.dhcpcluster.helm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Just enough of a Kubernetes API server on 127.0.0.1 for the chart's {@code lookup} of
 * Secrets. helm-java renders as a dry-run install that asks an API server for lookups (the
 * helm CLI's {@code helm template} would answer them with nothing), so rendering needs one.
 * Secrets put here are what an earlier install left in the cluster.
 *
 * <p>helm reads the address from the file named by KUBECONFIG, which surefire sets for this
 * module (see pom.xml); {@link #ensureRunning()} writes it.
 */
final class FakeKubernetesApi {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final String RESOURCES_V1 = """
            {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[
            {"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret","verbs":["get","list"]}]}""";
    private static final String VERSIONS = """
            {"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[]}""";
    private static final String NO_GROUPS = """
            {"kind":"APIGroupList","apiVersion":"v1","groups":[]}""";
    private static final String NOT_FOUND = """
            {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}""";

    private static FakeKubernetesApi running;

    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private FakeKubernetesApi() {
    }

    static synchronized FakeKubernetesApi ensureRunning() {
        if (running == null) {
            FakeKubernetesApi api = new FakeKubernetesApi();
            api.start();
            running = api;
        }
        return running;
    }

    /** Makes {@code secret} exist in the fake cluster, as an earlier install would have left it. */
    void putSecret(String namespace, Secret secret) {
        secrets.put(namespace + "/" + secret.getMetadata().getName(), secret);
    }

    void clear() {
        secrets.clear();
        requests.clear();
    }

    /** The paths asked for so far, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void start() {
        String kubeconfig = System.getenv("KUBECONFIG");
        if (kubeconfig == null || kubeconfig.isBlank()) {
            throw new IllegalStateException("KUBECONFIG is not set: run these tests through Maven (helm/pom.xml "
                    + "points it at target/fake-kubernetes/kubeconfig), or set it to a writable file");
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "fake-kubernetes-api");
                thread.setDaemon(true);
                return thread;
            }));
            server.createContext("/", this::answer);
            server.start();
            writeKubeconfig(Path.of(kubeconfig), server.getAddress().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        String[] parts = path.split("/");
        if (path.equals("/api")) {
            send(exchange, 200, VERSIONS);
        } else if (path.equals("/apis")) {
            send(exchange, 200, NO_GROUPS);
        } else if (path.equals("/api/v1")) {
            send(exchange, 200, RESOURCES_V1);
        } else if (parts.length == 7 && path.startsWith("/api/v1/namespaces/") && parts[5].equals("secrets")) {
            Secret secret = secrets.get(parts[4] + "/" + parts[6]);
            if (secret == null) {
                send(exchange, 404, NOT_FOUND);
            } else {
                send(exchange, 200, JSON.asJson(secret));
            }
        } else {
            send(exchange, 404, NOT_FOUND);
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void writeKubeconfig(Path file, int port) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: fake
                    cluster:
                      server: http://127.0.0.1:%d
                users:
                  - name: fake
                    user: {}
                contexts:
                  - name: fake
                    context:
                      cluster: fake
                      user: fake
                current-context: fake
                """.formatted(port), StandardCharsets.UTF_8);
    }
}
