package org.dhcpcluster.node.config;

/**
 * A configuration the node refuses to start with. The message names where (file and line
 * when known), which key, and what is wrong, e.g.
 * {@code demo.conf:14: dhcp.v4.subnets[0].pools[1]: "192.0.2.300 - 192.0.2.310" is not an address range}.
 */
public final class ConfigError extends RuntimeException {
    private final String key;

    public ConfigError(String origin, String key, String problem) {
        super((origin == null || origin.isEmpty() ? "" : origin + ": ") + key + ": " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
