package org.dhcpcluster.client.load;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.dhcpcluster.client.runtime.FakeScheduler;
import org.dhcpcluster.client.runtime.Transport;
import org.dhcpcluster.client.v4.DhcpV4ClientConfig;
import org.dhcpcluster.client.v6.DhcpV6ClientConfig;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.codec.DhcpV6Codec;

/**
 * Runs the load generator's own code (workload, state machines, codecs, meter) on a fake clock
 * against the {@link LoopbackResponder} before any packet leaves. A cold JVM interprets that
 * code and compiles it on the same core: started straight at 1,000 clients per second it falls
 * a second behind, then sends the backlog as one burst that overflows the server's socket
 * buffer, and the server is blamed for the losses. A cold start must be the server's alone.
 * The clients here are throwaway ones (MACs of seed 255) and nothing is sent.
 */
final class SelfWarmUp {
    private SelfWarmUp() {
    }

    /** Runs a population, renewals and new clients, {@code clients} (at least 4) in all, of {@code family}. */
    static MeasuredPhase run(String family, int clients) {
        if (clients < 4) {
            throw new IllegalArgumentException("a warm-up needs at least 4 clients: " + clients);
        }
        FakeScheduler clock = new FakeScheduler();
        ExchangeMeter meter = new ExchangeMeter(clock);
        LoadPlan plan = new LoadPlan(clients / 4, 2000, clients / 4, 2000, LoadPlan.DEFAULT_GIVE_UP, LoadPlan.DEFAULT_SETTLE, true);
        LoadSettings s = new LoadSettings(family, clients - clients / 4, 2000, Optional.of(InetAddress.getLoopbackAddress()),
                List.of(InetAddress.getLoopbackAddress()), Optional.empty(), false, false, Duration.ofSeconds(3600), 255, 0, plan);
        Random random = new Random(255);
        Workload w = new Workload(s, clock, meter, new LoadCounters(), (i, events) -> {
            byte[] mac = LoadRun.mac(255, i);
            Random own = new Random(random.nextLong());
            if (family.equals("v6")) {
                SimulatedV6Client[] self = new SimulatedV6Client[1];
                Transport t = (payload, to) -> LoopbackResponder.answerV6(payload)
                        .ifPresent(reply -> clock.schedule(Duration.ofMillis(1), () -> deliverV6(self[0], reply)));
                self[0] = new SimulatedV6Client(i, DhcpV6ClientConfig.builder(mac).iaNa(1).build(), clock, t, own, meter, events);
                return self[0];
            }
            SimulatedV4Client[] self = new SimulatedV4Client[1];
            Transport t = (payload, to) -> LoopbackResponder.answerV4(payload)
                    .ifPresent(reply -> clock.schedule(Duration.ofMillis(1), () -> deliverV4(self[0], reply)));
            self[0] = new SimulatedV4Client(i, DhcpV4ClientConfig.builder(mac).build(), clock, t, own, meter, events);
            return self[0];
        });
        w.begin();
        while (!w.complete() && clock.runNext()) {
            // the fake clock jumps from task to task: no waiting
        }
        MeasuredPhase m = w.measuredPhase();
        m.curve().jsonLines();      // the report's formatting too
        return m;
    }

    private static void deliverV4(SimulatedV4Client c, byte[] reply) {
        try {
            c.receive(DhcpV4Codec.decode(reply));
        } catch (DecodeException e) {
            throw new IllegalStateException("the loopback responder wrote an undecodable reply", e);
        }
    }

    private static void deliverV6(SimulatedV6Client c, byte[] reply) {
        try {
            c.receive((ClientServerMessage) DhcpV6Codec.decode(reply));
        } catch (DecodeException e) {
            throw new IllegalStateException("the loopback responder wrote an undecodable reply", e);
        }
    }
}
