package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServicesTest {

    private static Service dhcpService(ChartValues values) {
        return RenderedChart.render(values).named(Service.class, RenderedChart.FULLNAME);
    }

    private static List<String> portsOf(Service service) {
        return service.getSpec().getPorts().stream()
                .map(p -> p.getName() + " " + p.getPort() + "/" + p.getProtocol() + " -> " + p.getTargetPort().getStrVal())
                .toList();
    }

    @Test
    void relaysReachALoadBalancerThatKeepsTheirSourceAddress() {
        Service service = dhcpService(Scenarios.defaults().values());
        assertEquals("LoadBalancer", service.getSpec().getType());
        assertEquals("Local", service.getSpec().getExternalTrafficPolicy());
        assertEquals(List.of("dhcpv4 67/UDP -> dhcpv4"), portsOf(service));
    }

    @Test
    void dhcpv6GetsAServicePortWhenEnabled() {
        assertEquals(List.of("dhcpv4 67/UDP -> dhcpv4", "dhcpv6 547/UDP -> dhcpv6"),
                portsOf(dhcpService(Scenarios.v6().values())));
    }

    @Test
    void aFixedLoadBalancerAddressAndAnnotationsArePassedOn() {
        Service service = dhcpService(ChartValues.withSecret()
                .with("traffic.relayed.service.loadBalancerIP", "203.0.113.67")
                .with("traffic.relayed.service.annotations", Map.of("metallb.universe.tf/allow-shared-ip", "dhcp")));
        assertEquals("203.0.113.67", service.getSpec().getLoadBalancerIP());
        assertEquals("dhcp", service.getMetadata().getAnnotations().get("metallb.universe.tf/allow-shared-ip"));
    }

    @Test
    void aNodePortServiceCanFixItsNodePorts() {
        Service service = dhcpService(ChartValues.withSecret()
                .with("traffic.relayed.service.type", "NodePort")
                .with("traffic.relayed.service.nodePorts.dhcpv4", 30067));
        assertEquals("NodePort", service.getSpec().getType());
        assertEquals("Local", service.getSpec().getExternalTrafficPolicy());
        assertEquals(30067, service.getSpec().getPorts().get(0).getNodePort());
    }

    @Test
    void theMetricsServiceIsAClusterIpOnPortHttp() {
        Service metrics = RenderedChart.render(Scenarios.defaults().values())
                .named(Service.class, RenderedChart.FULLNAME + "-metrics");
        assertEquals("ClusterIP", metrics.getSpec().getType());
        ServicePort port = metrics.getSpec().getPorts().get(0);
        assertEquals(List.of("http 8067/TCP -> http"), portsOf(metrics));
        assertEquals("http", port.getName());
    }

    @Test
    void bothServicesSelectTheNodePods() {
        RenderedChart chart = RenderedChart.render(Scenarios.defaults().values());
        Map<String, String> podLabels = chart.nodePodTemplate().getMetadata().getLabels();
        for (Service service : chart.all(Service.class)) {
            assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()),
                    service.getMetadata().getName());
        }
    }
}
