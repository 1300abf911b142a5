package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ContainerPort;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The node finds its ports by name (bootstrap probes "management"), so names, numbers and protocols are fixed. */
class ContainerPortsTest {

    @Test
    void aV4OnlyNodeExposesDhcpv4HttpManagementAndRemoting() {
        assertEquals(Map.of(
                "dhcpv4", "67/UDP",
                "http", "8067/TCP",
                "management", "8558/TCP",
                "remoting", "25520/TCP"), portsOf(RenderedChart.render(Scenarios.defaults().values())));
    }

    @Test
    void dhcpv6IsExposedOnlyWhenV6IsEnabled() {
        assertEquals("547/UDP", portsOf(RenderedChart.render(Scenarios.v6().values())).get("dhcpv6"));
    }

    @Test
    void theHostNetworkDaemonSetExposesTheSamePorts() {
        assertEquals(portsOf(RenderedChart.render(Scenarios.defaults().values())),
                portsOf(RenderedChart.render(Scenarios.hostNetwork().values())));
    }

    static Map<String, String> portsOf(RenderedChart chart) {
        Map<String, String> ports = new TreeMap<>();
        for (ContainerPort port : chart.nodeContainer().getPorts()) {
            ports.put(port.getName(), port.getContainerPort() + "/" + port.getProtocol());
        }
        return ports;
    }
}
