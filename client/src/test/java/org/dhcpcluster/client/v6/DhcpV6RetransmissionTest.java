package org.dhcpcluster.client.v6;

import static org.dhcpcluster.client.v6.V6Harness.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.dhcpcluster.client.testing.CapturingTransport.Sent;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.junit.jupiter.api.Test;

/**
 * Retransmission of every client message through the client itself (RFC 8415 section 15 and
 * the constants of section 7.6): each gap between transmissions within the RFC's interval,
 * MRC and MRD ending the exchange, Elapsed Time counting from the first transmission.
 */
class DhcpV6RetransmissionTest {
    private final V6Harness h = new V6Harness();

    private List<Sent> sentOfType(DhcpV6MessageType type) {
        return h.transport.sent().stream().filter(s -> V6Harness.decode(s.payload()).type().equals(type)).toList();
    }

    private static List<Duration> gaps(List<Sent> sent) {
        return IntStream.range(1, sent.size())
                .mapToObj(i -> Duration.between(sent.get(i - 1).at(), sent.get(i).at())).toList();
    }

    @Test
    void solicitRetransmitsWithinSection15BoundsUpToSolMaxRtForever() {
        h.client.start();
        h.scheduler.advance(Duration.ofHours(8));

        List<Sent> solicits = sentOfType(DhcpV6MessageType.SOLICIT);
        assertEquals(h.transport.count(), solicits.size());
        List<Duration> gaps = gaps(solicits);
        Section15.assertFollows(RetransmissionParameters.solicit(TransmissionConstants.SOL_MAX_RT), gaps);
        assertTrue(gaps.get(gaps.size() - 1).compareTo(Duration.ofSeconds(3240)) >= 0, "reached SOL_MAX_RT: " + gaps);
        assertEquals(DhcpV6ClientState.SOLICITING, h.client.state(), "SOLICIT has no MRC or MRD");

        int xid = V6Harness.decode(solicits.get(0).payload()).transactionId();
        for (Sent s : solicits) {
            ClientServerMessage m = V6Harness.decode(s.payload());
            assertEquals(xid, m.transactionId(), "retransmissions keep the transaction-id");
            long centiseconds = Duration.between(solicits.get(0).at(), s.at()).toMillis() / 10;
            assertEquals(Math.min(0xffff, centiseconds), m.elapsedTime().orElseThrow(), "Elapsed Time at " + s.at());
            assertEquals(V6Destinations.MULTICAST, s.destination());
        }
        assertEquals(0xffff, h.lastSent(DhcpV6MessageType.SOLICIT).elapsedTime().orElseThrow(), "capped after 655.35 s");
    }

    @Test
    void requestIsSentTenTimesThenTheClientSolicitsAgain() {
        h.client.start();
        h.deliver(h.server.advertise(h.lastSent(DhcpV6MessageType.SOLICIT), 255, V6TestServer.na(1, 0, 0, address(100, 200))));
        h.scheduler.advance(Duration.ofMinutes(5));

        List<Sent> requests = sentOfType(DhcpV6MessageType.REQUEST);
        assertEquals(TransmissionConstants.REQ_MAX_RC, requests.size());
        Section15.assertFollows(RetransmissionParameters.request(), gaps(requests));
        Sent lastRequest = requests.get(requests.size() - 1);
        Sent resolicit = h.transport.sent().get(h.transport.sent().indexOf(lastRequest) + 1);
        assertEquals(DhcpV6MessageType.SOLICIT, V6Harness.decode(resolicit.payload()).type());
        Duration waited = Duration.between(lastRequest.at(), resolicit.at());
        assertTrue(waited.compareTo(Duration.ofSeconds(27)) >= 0 && waited.compareTo(Duration.ofSeconds(33)) <= 0,
                "the exchange fails one RT (MRT +/- 10%) after the 10th REQUEST: " + waited);
    }

    @Test
    void renewRetransmitsUntilT2ThenRebindRetransmitsUntilTheLeasesEndThenTheClientSolicits() {
        DhcpV6Lease lease = h.bind(1000, 4000, 6000, 8000);
        Instant t1 = lease.renewAt().orElseThrow();
        Instant t2 = lease.rebindAt().orElseThrow();
        Instant end = lease.expiresAt().orElseThrow();

        h.scheduler.advanceTo(t2.minusNanos(1));
        List<Sent> renews = sentOfType(DhcpV6MessageType.RENEW);
        assertEquals(t1, renews.get(0).at());
        Section15.assertFollows(RetransmissionParameters.renew(), gaps(renews));
        assertTrue(gaps(renews).stream().anyMatch(g -> g.compareTo(Duration.ofSeconds(540)) >= 0), "reached REN_MAX_RT");
        assertTrue(sentOfType(DhcpV6MessageType.REBIND).isEmpty());

        h.scheduler.advanceTo(t2);
        assertEquals(DhcpV6ClientState.REBINDING, h.client.state(), "MRD of RENEW is the time left until T2");
        h.scheduler.advanceTo(end.minusNanos(1));
        List<Sent> rebinds = sentOfType(DhcpV6MessageType.REBIND);
        assertEquals(t2, rebinds.get(0).at());
        Section15.assertFollows(RetransmissionParameters.rebind(), gaps(rebinds));
        assertTrue(rebinds.stream().allMatch(s -> s.at().isBefore(end)));

        h.scheduler.advanceTo(end);
        assertEquals(DhcpV6ClientState.SOLICITING, h.client.state(), "MRD of REBIND is the end of the valid lifetimes");
        assertTrue(h.events.contains("expired 2001:db8::10"));
    }

    @Test
    void releaseIsSentAtMostFourTimes() {
        h.bind(1000, 1600, 2000, 3000);
        h.client.release();
        h.scheduler.advance(Duration.ofHours(1));

        List<Sent> releases = sentOfType(DhcpV6MessageType.RELEASE);
        assertEquals(TransmissionConstants.REL_MAX_RC, releases.size());
        Section15.assertFollows(RetransmissionParameters.release(), gaps(releases));
        assertEquals(DhcpV6ClientState.STOPPED, h.client.state());
        assertEquals(0, h.scheduler.pendingTasks());
    }

    @Test
    void confirmIsDelayedUpToASecondAndGivesUpAfterTenSecondsKeepingTheLeases() {
        h.bind(1000, 1600, 2000, 3000);
        Instant changed = h.scheduler.now();
        h.client.linkChanged();
        assertEquals(DhcpV6ClientState.CONFIRMING, h.client.state());
        h.scheduler.advance(Duration.ofSeconds(30));

        List<Sent> confirms = sentOfType(DhcpV6MessageType.CONFIRM);
        Duration delay = Duration.between(changed, confirms.get(0).at());
        assertFalse(delay.isNegative() || delay.compareTo(TransmissionConstants.CNF_MAX_DELAY) > 0, "CNF_MAX_DELAY: " + delay);
        Section15.assertFollows(RetransmissionParameters.confirm(), gaps(confirms));
        Instant giveUp = confirms.get(0).at().plus(TransmissionConstants.CNF_MAX_RD);
        assertTrue(confirms.stream().allMatch(s -> s.at().isBefore(giveUp)), "MRD: nothing after CNF_MAX_RD");
        assertTrue(confirms.size() >= 3, "10 s hold several CONFIRMs: " + confirms.size());
        assertEquals(DhcpV6ClientState.BOUND, h.client.state(), "no answer: keep using the leases (section 18.2.3)");
        assertEquals(h.events.get(h.events.size() - 1), "CONFIRMING->BOUND");
    }

    @Test
    void informationRequestRetransmitsWithinSection15BoundsUpToInfMaxRt() {
        h.client.informationRequest();
        h.scheduler.advance(Duration.ofHours(6));

        List<Sent> requests = sentOfType(DhcpV6MessageType.INFORMATION_REQUEST);
        assertTrue(Duration.between(Instant.parse("2024-01-01T00:00:00Z"), requests.get(0).at())
                .compareTo(TransmissionConstants.INF_MAX_DELAY) <= 0);
        Section15.assertFollows(RetransmissionParameters.informationRequest(TransmissionConstants.INF_MAX_RT), gaps(requests));
        assertTrue(gaps(requests).stream().anyMatch(g -> g.compareTo(Duration.ofSeconds(3240)) >= 0), "reached INF_MAX_RT");
        assertEquals(DhcpV6ClientState.INFORMATION_REQUESTING, h.client.state());
    }
}
