package org.dhcpcluster.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PerfdhcpRunnerTest {

    @Test
    void aRunBeyondItsTimeBoundIsInterruptedAndStillReported() {
        Tools.requireRootAndCommands("ip", "perfdhcp");
        try (NetnsTopology t = NetnsTopology.builder().label("perfdhcp-int").withRelay().withoutIpv6().create()) {
            // no -p/-n: perfdhcp would run forever; nothing serves, so everything is dropped
            long started = System.nanoTime();
            PerfdhcpReport r = Perfdhcp.v4().rate(20)
                    .relayed(t.relayAddress4().getHostAddress(), t.relayServerAddress4().getHostAddress())
                    .run(t, t.relayNs(), Duration.ofSeconds(2));

            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(20)) < 0);
            assertTrue(r.discoverOffer().sent() > 0, r.raw());
            assertEquals(0, r.discoverOffer().received(), r.raw());
            assertEquals(r.discoverOffer().sent(), r.discoverOffer().drops(), r.raw());
            assertTrue(Double.isNaN(r.discoverOffer().avgDelayMs()), r.raw());
        }
    }
}
