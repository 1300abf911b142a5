package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A change of the DHCP configuration changes the pod template, so Kubernetes rolls the pods. */
class ConfigChecksumTest {

    private static String checksum(ChartValues values) {
        String sum = RenderedChart.render(values).nodePodTemplate().getMetadata().getAnnotations().get("checksum/config");
        assertTrue(sum != null && sum.matches("[0-9a-f]{64}"), "checksum/config: " + sum);
        return sum;
    }

    @Test
    void theChecksumIsStableWhileTheConfigurationIsUnchanged() {
        assertEquals(checksum(ChartValues.withSecret()), checksum(ChartValues.withSecret().with("replicaCount", 5)));
    }

    @Test
    void changingADhcpValueChangesTheChecksum() {
        assertNotEquals(checksum(ChartValues.withSecret()),
                checksum(ChartValues.withSecret().with("dhcp.v4.lease-time", "4h")));
    }

    @Test
    void theHostNetworkDaemonSetCarriesTheChecksumToo() {
        checksum(Scenarios.hostNetwork().values());
    }
}
