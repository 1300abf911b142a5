package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The nodes may read pods (discovery) and ReplicaSets (app-version), nothing else. */
class RbacTest {

    private final RenderedChart chart = RenderedChart.render(Scenarios.defaults().values());

    private static String describe(PolicyRule rule) {
        return rule.getApiGroups() + " " + rule.getResources() + " " + rule.getVerbs();
    }

    @Test
    void theRoleGrantsExactlyPodReadsAndReplicaSetGets() {
        List<String> rules = chart.one(Role.class).getRules().stream().map(RbacTest::describe).toList();
        assertEquals(List.of("[] [pods] [get, list, watch]"), rules, "pod discovery needs to read pods, nothing more");
    }

    @Test
    void theBindingGivesTheRoleToTheServiceAccountThePodsRunAs() {
        RoleBinding binding = chart.one(RoleBinding.class);
        String account = chart.one(ServiceAccount.class).getMetadata().getName();
        assertEquals(chart.one(Role.class).getMetadata().getName(), binding.getRoleRef().getName());
        assertEquals("Role", binding.getRoleRef().getKind());
        Subject subject = binding.getSubjects().get(0);
        assertEquals(List.of("ServiceAccount " + account + " in " + RenderedChart.NAMESPACE),
                List.of(subject.getKind() + " " + subject.getName() + " in " + subject.getNamespace()));
        assertEquals(account, chart.nodePodTemplate().getSpec().getServiceAccountName());
    }

    @Test
    void anExistingServiceAccountCanBeUsedWithoutCreatingRbac() {
        RenderedChart own = RenderedChart.render(ChartValues.withSecret()
                .with("serviceAccount.create", false)
                .with("serviceAccount.name", "dhcp-nodes")
                .with("rbac.create", false));
        assertTrue(own.all(ServiceAccount.class).isEmpty());
        assertTrue(own.all(Role.class).isEmpty());
        assertTrue(own.all(RoleBinding.class).isEmpty());
        assertEquals("dhcp-nodes", own.nodePodTemplate().getSpec().getServiceAccountName());
    }
}
