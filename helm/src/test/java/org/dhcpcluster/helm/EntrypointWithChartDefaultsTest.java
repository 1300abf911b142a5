package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.dhcpcluster.node.kubernetes.MockKubernetesApi;
import org.dhcpcluster.node.support.NodeProcess;
import org.dhcpcluster.node.support.TestCertificates;
import org.dhcpcluster.node.testing.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's entrypoint ({@code deploy/image/entrypoint.sh}, run as the container would run it)
 * starts nodes from the chart's default configuration: {@code node.conf} as the ConfigMap
 * renders it, the environment as the pod spec declares it (downward API, database Secret,
 * JAVA_TOOL_OPTIONS, DHCP_APP_VERSION), the service account's token, CA and namespace at the
 * path a kubelet mounts them, and a Kubernetes API (fabric8's mock) listing the pods with the
 * chart's labels and ports. The chart's default of two contact points needs two pods: both run
 * the same file; the second, sharing this host's addresses, moves its HTTP and DHCP ports. The
 * management token is where the chart mounts its Secret; the first pod leaves through the
 * chart's preStop command, the second on SIGTERM.
 *
 * <p>Needs root: port 67 as in the pod, and a private mount namespace per node for the service
 * account directory.
 */
class EntrypointWithChartDefaultsTest {
    private static final Path ENTRYPOINT = Path.of("../deploy/image/entrypoint.sh").toAbsolutePath().normalize();
    private static final String SERVICE_ACCOUNT_DIR = "/run/secrets/kubernetes.io/serviceaccount";
    /** Where the pod mounts the cluster TLS Secret (the chart's default: cluster TLS on). */
    private static final String CLUSTER_TLS_DIR = "/run/secrets/dhcp-cluster-tls";
    /** The chart mounts its management Secret at /var/run/secrets/dhcp-node/management; /var/run is /run. */
    private static final String TOKEN_DIR = "/run/secrets/dhcp-node/management";
    private static final String TOKEN = "chart-test-token-0123456789abcdefghij";
    private static final List<String> POD_IPS = List.of("127.0.0.31", "127.0.0.32");

    @TempDir
    Path dir;

    private final List<NodeProcess> pods = new ArrayList<>();
    private MockKubernetesApi api;

    @AfterEach
    void stop() {
        pods.forEach(NodeProcess::close);
        if (api != null) {
            api.close();
        }
    }

    @Test
    void twoPodsStartFromTheChartDefaultsFormOneClusterAndLeaveByPreStopAndOnSigterm() throws Exception {
        Tools.requireRootAndCommands("unshare", "mount");
        RenderedChart chart = RenderedChart.render(ChartValues.withSecret());
        Container container = chart.nodeContainer();
        Map<String, String> podLabels = chart.nodePodTemplate().getMetadata().getLabels();
        int management = port(container, "management");
        int remoting = port(container, "remoting");
        int http = port(container, "http");

        DatabaseSettings db = EmbeddedPostgresFixture.freshDatabase();
        api = MockKubernetesApi.start(dir);
        Path serviceAccount = serviceAccount();
        Path clusterTls = TestCertificates.newCa(dir, "cluster-ca").issue("cluster-tls", RenderedChart.FULLNAME + "-cluster");
        Path tokenDir = Files.createDirectories(dir.resolve("management"));
        Files.writeString(tokenDir.resolve("token"), TOKEN);
        for (int i = 0; i < POD_IPS.size(); i++) {
            api.addPod(RenderedChart.FULLNAME + "-" + i, podLabels, POD_IPS.get(i), management, remoting);
        }

        List<Map<String, String>> envs = new ArrayList<>();
        for (int i = 0; i < POD_IPS.size(); i++) {
            Path podDir = Files.createDirectories(dir.resolve("pod-" + i));
            String conf = chart.nodeConf();
            if (i > 0) {
                // one host, two pods: the second moves the ports that bind every address
                conf += "\ndhcp.management.port = " + (http + 1) + "\ndhcp.v4.listen.port = 1067\n";
            }
            Path confFile = Files.writeString(podDir.resolve("node.conf"), conf);
            Map<String, String> env = new java.util.HashMap<>(PodEnvironment.of(container,
                    Map.of("status.podIP", POD_IPS.get(i), "metadata.name", RenderedChart.FULLNAME + "-" + i,
                            "metadata.namespace", MockKubernetesApi.NAMESPACE),
                    Map.of("jdbc-url", db.url(), "username", db.user(), "password", db.password())));
            env.putAll(api.environment());
            env.put("DHCP_CONFIG", confFile.toString());
            // the image's java and jar, here: this JVM and the test classpath
            env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
            env.put("DHCP_NODE_CLASSPATH", System.getProperty("java.class.path"));
            envs.add(env);
            pods.add(NodeProcess.launch(inPodMounts(serviceAccount, clusterTls, tokenDir, List.of()), podDir, env));
        }
        for (NodeProcess pod : pods) {
            pod.awaitLog("event=node_ready", Duration.ofMinutes(3));
        }

        // The API listens on the pod IP only, and /api wants the token.
        awaitStatus(POD_IPS.get(0), http, "/ready", 200, Duration.ofSeconds(30));
        assertEquals(401, get(POD_IPS.get(0), http, "/api/cluster", false).statusCode());
        String cluster = get(POD_IPS.get(0), http, "/api/cluster", true).body();
        for (String ip : POD_IPS) {
            assertTrue(cluster.contains("pekko://dhcp@" + ip + ":" + remoting), ip + " is not a member: " + cluster);
        }
        assertEquals(2, cluster.split("\"status\":\"Up\"", -1).length - 1, cluster);
        assertTrue(cluster.contains("\"app_version\":\"1.0.1\""), "app-version from the chart (release revision 1): " + cluster);

        // The chart's preStop command, run in the first pod: POST /leave with the mounted token to
        // the address node.conf names; it returns once the node has drained and left.
        List<String> preStop = container.getLifecycle().getPreStop().getExec().getCommand();
        assertEquals("/app/entrypoint.sh", preStop.get(0));
        ProcessBuilder hook = new ProcessBuilder(inPodMounts(serviceAccount, clusterTls, tokenDir, preStop.subList(1, preStop.size())))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("prestop.log").toFile());
        hook.environment().putAll(envs.get(0));
        Process leave = hook.start();
        assertTrue(leave.waitFor(90, TimeUnit.SECONDS), "preStop did not return");
        String preStopLog = Files.readString(dir.resolve("prestop.log"));
        assertEquals(0, leave.exitValue(), preStopLog);
        assertTrue(preStopLog.contains("\"left\""), preStopLog);
        // The kubelet sends SIGTERM as soon as preStop returns, maybe before the JVM is done
        // exiting by itself (0): either way it ends at once, having left.
        int exit = pods.get(0).terminate(Duration.ofSeconds(30));
        assertTrue(exit == 0 || exit == 143, "exit " + exit + ": " + pods.get(0).tail());
        String log = pods.get(0).logText();
        assertTrue(log.contains("event=draining delay_ms=5000"), "the chart's drain delay applies: " + pods.get(0).tail());
        assertTrue(log.contains("event=left_cluster"), pods.get(0).tail());

        // SIGTERM, as the kubelet sends: the node drains, leaves, and the JVM exits with the status
        // of a process ended by SIGTERM (128 + 15), as JVMs do after their hooks.
        assertEquals(143, pods.get(1).terminate(Duration.ofSeconds(60)), pods.get(1).tail());
        assertTrue(pods.get(1).logText().contains("event=left_cluster"), pods.get(1).tail());
    }

    /** The files a kubelet projects into every pod that mounts its service account token. */
    private Path serviceAccount() throws Exception {
        Path sa = Files.createDirectories(dir.resolve("serviceaccount"));
        Files.writeString(sa.resolve("token"), "test-service-account-token");
        Files.writeString(sa.resolve("namespace"), MockKubernetesApi.NAMESPACE);
        Files.copy(api.caCertificate(), sa.resolve("ca.crt"));
        return sa;
    }

    /**
     * entrypoint.sh in a private mount namespace whose /run is a fresh tmpfs holding the service
     * account files and the cluster TLS Secret where Kubernetes puts them; nothing on this host's
     * filesystem changes.
     */
    private static List<String> inPodMounts(Path serviceAccount, Path clusterTls, Path token, List<String> args) {
        String script = "mount -t tmpfs tmpfs /run && mkdir -p " + SERVICE_ACCOUNT_DIR + " " + CLUSTER_TLS_DIR + " " + TOKEN_DIR
                + " && cp \"$SA\"/* " + SERVICE_ACCOUNT_DIR + "/"
                + " && cp \"$TLS\"/tls.key \"$TLS\"/tls.crt \"$TLS\"/ca.crt " + CLUSTER_TLS_DIR + "/"
                + " && cp \"$TOKEN\"/* " + TOKEN_DIR + "/ && exec \"$0\" \"$@\"";
        List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "env", "SA=" + serviceAccount,
                "TLS=" + clusterTls, "TOKEN=" + token, "sh", "-c", script, ENTRYPOINT.toString()));
        cmd.addAll(args);
        return cmd;
    }

    private static int port(Container c, String name) {
        return c.getPorts().stream().filter(p -> name.equals(p.getName())).map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("the chart's container has no port named " + name));
    }

    private static void awaitStatus(String host, int port, String path, int status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = get(host, port, path, false);
            if (last.statusCode() == status) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(path + " did not answer " + status + ": " + (last == null ? "" : last.statusCode() + " " + last.body()));
    }

    private static HttpResponse<String> get(String host, int port, String path, boolean withToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path));
        if (withToken) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
