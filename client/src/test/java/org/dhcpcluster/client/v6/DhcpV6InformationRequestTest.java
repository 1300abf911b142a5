package org.dhcpcluster.client.v6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.Ipv6;
import org.junit.jupiter.api.Test;

/** Stateless configuration: INFORMATION-REQUEST and its refresh (RFC 8415 sections 18.2.6, 21.23). */
class DhcpV6InformationRequestTest {
    private final V6Harness h = new V6Harness();

    private ClientServerMessage firstInformationRequest() {
        h.client.informationRequest();
        h.scheduler.advance(TransmissionConstants.INF_MAX_DELAY);
        return h.lastSent(DhcpV6MessageType.INFORMATION_REQUEST);
    }

    @Test
    void informationRequestAsksForTheRefreshTimeAndCarriesNoIas() {
        ClientServerMessage request = firstInformationRequest();

        assertEquals(V6Destinations.MULTICAST, h.transport.last().destination());
        assertTrue(request.iaNa().isEmpty() && request.iaPd().isEmpty());
        assertTrue(request.serverId().isEmpty());
        assertTrue(request.optionRequest().containsAll(List.of(DhcpV6OptionCode.INFORMATION_REFRESH_TIME,
                DhcpV6OptionCode.INF_MAX_RT, DhcpV6OptionCode.DNS_SERVERS)));
    }

    @Test
    void aReplyInformsTheOwnerAndIsRefreshedAfterTheServersRefreshTime() {
        ClientServerMessage request = firstInformationRequest();
        byte[] dns = Ipv6.parse("2001:db8::53").getAddress();

        h.deliver(h.server.replyWith(request, new DhcpV6Option(DhcpV6OptionCode.DNS_SERVERS, dns),
                new DhcpV6Option(DhcpV6OptionCode.INFORMATION_REFRESH_TIME, new byte[] {0, 0, 0x0e, 0x10})));   // 3600 s

        assertEquals(DhcpV6ClientState.INFORMED, h.client.state());
        assertEquals(List.of(Ipv6.parse("2001:db8::53")), h.informed.get(0).dnsServers());
        Instant informedAt = h.scheduler.now();
        h.scheduler.advanceTo(informedAt.plusSeconds(3600).minusNanos(1));
        assertEquals(DhcpV6ClientState.INFORMED, h.client.state());
        h.scheduler.advance(Duration.ofNanos(1));
        assertEquals(DhcpV6ClientState.INFORMATION_REQUESTING, h.client.state());
    }

    @Test
    void aRefreshTimeBelowTheMinimumIsRaisedToIt() {
        ClientServerMessage request = firstInformationRequest();

        h.deliver(h.server.replyWith(request,
                new DhcpV6Option(DhcpV6OptionCode.INFORMATION_REFRESH_TIME, new byte[] {0, 0, 0, 60})));
        Instant informedAt = h.scheduler.now();

        h.scheduler.advanceTo(informedAt.plus(TransmissionConstants.IRT_MINIMUM).minusNanos(1));
        assertEquals(DhcpV6ClientState.INFORMED, h.client.state());
        h.scheduler.advance(Duration.ofNanos(1));
        assertEquals(DhcpV6ClientState.INFORMATION_REQUESTING, h.client.state());
    }

    @Test
    void withoutARefreshTimeTheClientAsksAgainAfterADay() {
        ClientServerMessage request = firstInformationRequest();
        h.deliver(h.server.replyWith(request));

        h.scheduler.advance(TransmissionConstants.IRT_DEFAULT.minusSeconds(1));
        assertEquals(DhcpV6ClientState.INFORMED, h.client.state());
        h.scheduler.advance(Duration.ofSeconds(1));
        assertEquals(DhcpV6ClientState.INFORMATION_REQUESTING, h.client.state());
    }
}
