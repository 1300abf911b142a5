package org.dhcpcluster.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Against real perfdhcp 2.2.0 output captured from runs against Kea (src/test/resources/testing/);
 * the v6 ones from kea-dhcp6 2.2.0 in namespaces wired like {@link NetnsTopology}.
 */
class PerfdhcpOutputParserTest {

    private static String sample(String name) throws IOException {
        try (InputStream in = PerfdhcpOutputParserTest.class.getResourceAsStream("/testing/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /testing/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void basicRelayedRunReportsBothExchangesRateAndDelays() throws IOException {
        PerfdhcpReport r = PerfdhcpOutputParser.parse(sample("perfdhcp-v4-basic-kea.txt"));

        assertEquals("perfdhcp -4 -R 1000 -r 200 -p 3 -n 600 -W 500000 -l 198.51.100.2 198.51.100.1", r.command());
        assertEquals(171.117, r.rate(), 1e-9);
        assertEquals(List.of("DISCOVER-OFFER", "REQUEST-ACK"), List.copyOf(r.exchanges().keySet()));
        assertEquals(new PerfdhcpReport.Exchange("DISCOVER-OFFER", 599, 599, 0, 0.161, 0.460, 5.174), r.discoverOffer());
        assertEquals(new PerfdhcpReport.Exchange("REQUEST-ACK", 599, 599, 0, 0.099, 0.271, 5.110), r.requestAck());
        assertEquals(599, r.leases());
        assertTrue(r.provisionTime().isEmpty());
        assertEquals(OptionalInt.empty(), r.provisionedClients());
    }

    @Test
    void overloadRunReportsDropsPerExchange() throws IOException {
        PerfdhcpReport r = PerfdhcpOutputParser.parse(sample("perfdhcp-v4-overload-kea.txt"));

        assertEquals(2908.22, r.rate(), 1e-9);
        assertEquals(new PerfdhcpReport.Exchange("DISCOVER-OFFER", 29999, 23550, 6449, 0.536, 11.131, 17.160),
                r.discoverOffer());
        assertEquals(new PerfdhcpReport.Exchange("REQUEST-ACK", 23550, 7273, 16277, 0.722, 10.602, 17.089), r.requestAck());
        assertEquals(16277.0 / 23550, r.requestAck().dropRatio(), 1e-12);
    }

    @Test
    void avalancheRunReportsTheTimeToProvisionEveryClient() throws IOException {
        PerfdhcpReport r = PerfdhcpOutputParser.parse(sample("perfdhcp-v4-avalanche-kea.txt"));

        assertEquals(Duration.ofNanos(4_517_681_000L), r.provisionTime().orElseThrow());
        assertEquals(OptionalInt.of(2000), r.provisionedClients());
        assertEquals(442.636, r.rate(), 1e-9);
        assertEquals(2000, r.discoverOffer().sent());
        assertEquals(2000, r.leases());
        assertEquals(4178.959, r.requestAck().maxDelayMs(), 1e-9);
    }

    @Test
    void broadcastRunParsesLikeARelayedOne() throws IOException {
        PerfdhcpReport r = PerfdhcpOutputParser.parse(sample("perfdhcp-v4-broadcast-kea.txt"));

        assertTrue(r.command().contains("-B -l"), r.command());
        assertEquals(99, r.requestAck().received());
        assertEquals(0, r.discoverOffer().drops());
    }

    @Test
    void runWithoutAnyAnswerHasAllDroppedAndNoDelays() throws IOException {
        // perfdhcp prints "min delay: inf ms" and "avg delay: min delay: n/a" here
        PerfdhcpReport r = PerfdhcpOutputParser.parse(sample("perfdhcp-v4-no-server.txt"));

        assertEquals(0.0, r.rate());
        assertEquals(19, r.discoverOffer().sent());
        assertEquals(0, r.discoverOffer().received());
        assertEquals(19, r.discoverOffer().drops());
        assertEquals(1.0, r.discoverOffer().dropRatio());
        assertTrue(Double.isNaN(r.discoverOffer().minDelayMs()));
        assertTrue(Double.isNaN(r.discoverOffer().avgDelayMs()));
        assertTrue(Double.isNaN(r.discoverOffer().maxDelayMs()));
        assertEquals(0, r.requestAck().sent());
        assertEquals(0.0, r.requestAck().dropRatio());
    }

    @Test
    void v6MulticastRunReportsBothExchangesOfTheFourWayExchange() throws IOException {
        PerfdhcpReport r = PerfdhcpOutputParser.parse(sample("perfdhcp-v6-direct-kea.txt"));

        assertEquals("perfdhcp -6 -R 200 -r 100 -n 200 -p 5 -W 500000 -l h4xc0 all", r.command());
        assertTrue(r.isV6());
        assertEquals(79.984, r.rate(), 1e-9);
        assertEquals(List.of("SOLICIT-ADVERTISE", "REQUEST-REPLY"), List.copyOf(r.exchanges().keySet()));
        assertEquals(new PerfdhcpReport.Exchange("SOLICIT-ADVERTISE", 200, 200, 0, 0.224, 0.442, 3.324),
                r.solicitAdvertise());
        assertEquals(new PerfdhcpReport.Exchange("REQUEST-REPLY", 200, 200, 0, 0.117, 0.266, 4.111), r.requestReply());
        assertEquals(200, r.leases());
    }

    @Test
    void v6RelayedRunParsesLikeADirectOne() throws IOException {
        PerfdhcpReport r = PerfdhcpOutputParser.parse(sample("perfdhcp-v6-relayed-kea.txt"));

        assertTrue(r.command().contains("-A 1 -R 200"), r.command());
        assertEquals(79.964, r.rate(), 1e-9);
        assertEquals(200, r.solicitAdvertise().received());
        assertEquals(0, r.requestReply().drops());
        assertEquals(0.478, r.requestReply().maxDelayMs(), 1e-9);
        assertEquals(200, r.leases());
    }

    @Test
    void v6RunWithoutAnyAnswerHasAllSolicitsDroppedAndNoRequests() throws IOException {
        PerfdhcpReport r = PerfdhcpOutputParser.parse(sample("perfdhcp-v6-no-server.txt"));

        assertEquals(0.0, r.rate());
        assertEquals(19, r.solicitAdvertise().sent());
        assertEquals(19, r.solicitAdvertise().drops());
        assertEquals(1.0, r.solicitAdvertise().dropRatio());
        assertTrue(Double.isNaN(r.solicitAdvertise().avgDelayMs()));
        assertEquals(0, r.requestReply().sent());
        assertEquals(0, r.leases());
    }

    @Test
    void v4ReportIsNotTakenForV6() throws IOException {
        PerfdhcpReport r = PerfdhcpOutputParser.parse(sample("perfdhcp-v4-basic-kea.txt"));
        assertFalse(r.isV6());
        AssertionError e = assertThrows(AssertionError.class, r::requestReply);
        assertTrue(e.getMessage().contains("REQUEST-REPLY"), e.getMessage());
    }

    @Test
    void outputWithoutStatisticsIsRejectedWithTheOutput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PerfdhcpOutputParser.parse("Error initializing: Failed to open socket\n"));
        assertTrue(e.getMessage().contains("Failed to open socket"), e.getMessage());
    }

    @Test
    void missingExchangeFailsWithTheRawOutput() throws IOException {
        PerfdhcpReport r = PerfdhcpOutputParser.parse(sample("perfdhcp-v4-basic-kea.txt"));
        AssertionError e = assertThrows(AssertionError.class, () -> r.exchange("SOLICIT-ADVERTISE"));
        assertTrue(e.getMessage().contains("Rate: 171.117"), e.getMessage());
    }
}
