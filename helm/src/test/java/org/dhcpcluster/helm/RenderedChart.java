package org.dhcpcluster.helm;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The chart rendered by {@code helm template} (through helm-java, no cluster needed) with
 * given values, parsed into fabric8 model objects. Kinds fabric8 does not know, such as
 * ServiceMonitor, come back as {@code GenericKubernetesResource}.
 *
 * <pre>
 *   RenderedChart chart = RenderedChart.render(ChartValues.withSecret());
 *   Deployment nodes = chart.one(Deployment.class);
 *   String conf = chart.nodeConf();
 * </pre>
 */
public final class RenderedChart {
    /** The chart's folder; tests run with the module folder (helm/) as working directory. */
    public static final Path CHART_DIR = Path.of("dhcp-cluster").toAbsolutePath();
    public static final String RELEASE = "edge";
    public static final String NAMESPACE = "dhcp";
    /** Resource name prefix of release {@link #RELEASE}. */
    public static final String FULLNAME = RELEASE + "-dhcp-cluster";

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final String manifests;
    private final List<HasMetadata> resources;

    private RenderedChart(String manifests, List<HasMetadata> resources) {
        this.manifests = manifests;
        this.resources = resources;
    }

    /** Renders the chart; a failing template or schema check throws {@link ChartRenderingFailed}. */
    public static RenderedChart render(ChartValues values) {
        String manifests = template(values);
        return new RenderedChart(manifests, parse(manifests));
    }

    /** The message Helm fails with for these values; fails itself if they render. */
    public static String failureOf(ChartValues values) {
        try {
            template(values);
        } catch (ChartRenderingFailed e) {
            return e.getMessage();
        }
        throw new AssertionError("expected helm template to fail for values:\n" + values.toYaml());
    }

    /** The multi-document YAML as helm printed it. */
    public String manifests() {
        return manifests;
    }

    public List<HasMetadata> resources() {
        return resources;
    }

    public <T extends HasMetadata> List<T> all(Class<T> kind) {
        return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The only resource of this kind; fails when there are none or several. */
    public <T extends HasMetadata> T one(Class<T> kind) {
        List<T> found = all(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind.getSimpleName() + ", rendered " + found.size());
        }
        return found.get(0);
    }

    public <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return all(kind).stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
    }

    public <T extends HasMetadata> T named(Class<T> kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " named " + name));
    }

    /** The nodes' pod template: the Deployment's in relayed mode, the DaemonSet's in hostNetwork mode. */
    public PodTemplateSpec nodePodTemplate() {
        List<PodTemplateSpec> templates = new ArrayList<>();
        all(Deployment.class).forEach(d -> templates.add(d.getSpec().getTemplate()));
        all(DaemonSet.class).forEach(d -> templates.add(d.getSpec().getTemplate()));
        if (templates.size() != 1) {
            throw new AssertionError("expected one node workload (Deployment or DaemonSet), rendered " + templates.size());
        }
        return templates.get(0);
    }

    /** The container named "node" in {@link #nodePodTemplate()}. */
    public Container nodeContainer() {
        return nodePodTemplate().getSpec().getContainers().stream()
                .filter(c -> "node".equals(c.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the node pod has no container named node"));
    }

    /** The node's HOCON configuration: key node.conf of the chart's ConfigMap. */
    public String nodeConf() {
        String conf = named(ConfigMap.class, FULLNAME).getData().get("node.conf");
        if (conf == null) {
            throw new AssertionError("ConfigMap " + FULLNAME + " has no key node.conf");
        }
        return conf;
    }

    private static String template(ChartValues values) {
        FakeKubernetesApi.ensureRunning();
        Path valuesFile = null;
        try {
            valuesFile = Files.createTempFile("dhcp-cluster-values", ".yaml");
            Files.writeString(valuesFile, values.toYaml(), StandardCharsets.UTF_8);
            return new Helm(CHART_DIR).template()
                    .withName(RELEASE)
                    .withNamespace(NAMESPACE)
                    .withValuesFile(valuesFile)
                    .call();
        } catch (IllegalStateException e) {
            throw new ChartRenderingFailed(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(valuesFile);
        }
    }

    private static List<HasMetadata> parse(String manifests) {
        return DOCUMENT_SEPARATOR.splitAsStream(manifests)
                .filter(RenderedChart::hasContent)
                .map(document -> (HasMetadata) SERIALIZATION.unmarshal(document))
                .toList();
    }

    /** A document of only comments (helm's "# Source:" lines) or blanks is no resource. */
    private static boolean hasContent(String document) {
        return document.lines().map(String::strip).anyMatch(line -> !line.isEmpty() && !line.startsWith("#"));
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }

    /** Helm refused the values or a template failed; the message is Helm's. */
    public static final class ChartRenderingFailed extends RuntimeException {
        ChartRenderingFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
