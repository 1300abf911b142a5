package org.dhcpcluster.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a kubelet would give the rendered container: literal values as they are,
 * downward-API fields and Secret keys looked up in what the test provides. A reference the test
 * cannot satisfy fails, so the chart cannot grow a variable this check silently skips.
 */
final class PodEnvironment {
    private PodEnvironment() {
    }

    static Map<String, String> of(Container container, Map<String, String> podFields, Map<String, String> secretKeys) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar v : container.getEnv()) {
            if (v.getValueFrom() == null) {
                env.put(v.getName(), v.getValue() == null ? "" : v.getValue());
            } else if (v.getValueFrom().getFieldRef() != null) {
                env.put(v.getName(), lookup(podFields, v.getValueFrom().getFieldRef().getFieldPath(), v.getName()));
            } else if (v.getValueFrom().getSecretKeyRef() != null) {
                env.put(v.getName(), lookup(secretKeys, v.getValueFrom().getSecretKeyRef().getKey(), v.getName()));
            } else {
                throw new AssertionError("no test value for " + v.getName() + ": " + v.getValueFrom());
            }
        }
        return env;
    }

    private static String lookup(Map<String, String> values, String key, String variable) {
        String value = values.get(key);
        if (value == null) {
            throw new AssertionError("no test value for " + key + " (environment variable " + variable + ")");
        }
        return value;
    }
}
