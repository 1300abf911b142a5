package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The node runs as a non-root user with a read-only root filesystem and only the capability to bind 67/547. */
class SecurityContextTest {

    static List<Scenarios> workloads() {
        return List.of(Scenarios.defaults(), Scenarios.hostNetwork());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void podRunsAsUser10001WithTheRuntimeDefaultSeccompProfile(Scenarios scenario) {
        PodSecurityContext pod = RenderedChart.render(scenario.values()).nodePodTemplate().getSpec().getSecurityContext();
        assertEquals(Boolean.TRUE, pod.getRunAsNonRoot());
        assertEquals(10001L, pod.getRunAsUser());
        assertEquals(10001L, pod.getRunAsGroup());
        assertEquals(10001L, pod.getFsGroup());
        assertEquals("RuntimeDefault", pod.getSeccompProfile().getType());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void containerDropsAllCapabilitiesButNetBindServiceOnAReadOnlyRoot(Scenarios scenario) {
        SecurityContext container = RenderedChart.render(scenario.values()).nodeContainer().getSecurityContext();
        assertEquals(Boolean.TRUE, container.getReadOnlyRootFilesystem());
        assertEquals(List.of("ALL"), container.getCapabilities().getDrop());
        assertEquals(List.of("NET_BIND_SERVICE"), container.getCapabilities().getAdd());
        // needed: no_new_privs would make the kernel ignore the java binary's file capability
        assertEquals(Boolean.TRUE, container.getAllowPrivilegeEscalation());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void onlyTmpIsWritableAndTheConfigTokenAndClusterTlsAreMountedReadOnly(Scenarios scenario) {
        RenderedChart chart = RenderedChart.render(scenario.values());
        PodSpec pod = chart.nodePodTemplate().getSpec();
        List<String> mounts = chart.nodeContainer().getVolumeMounts().stream()
                .map(m -> m.getMountPath() + (Boolean.TRUE.equals(m.getReadOnly()) ? " ro" : " rw"))
                .toList();
        assertEquals(List.of("/etc/dhcp-node ro", "/var/run/secrets/dhcp-node/management ro", "/tmp rw",
                "/run/secrets/dhcp-cluster-tls ro"), mounts);
        VolumeMount tmp = chart.nodeContainer().getVolumeMounts().get(2);
        assertEquals(1, pod.getVolumes().stream()
                .filter(v -> v.getName().equals(tmp.getName()) && v.getEmptyDir() != null).count());
    }
}
