package org.dhcpcluster.client.testing;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dhcpcluster.client.runtime.Scheduler;
import org.dhcpcluster.client.runtime.Transport;

/** A transport that keeps every datagram with the (fake) time it left and where it went. */
public final class CapturingTransport implements Transport {
    private final Scheduler clock;
    private final List<Sent> sent = new ArrayList<>();

    public CapturingTransport(Scheduler clock) {
        this.clock = clock;
    }

    /** One datagram as the client handed it over. */
    public record Sent(Instant at, byte[] payload, InetSocketAddress destination) {
    }

    @Override
    public void send(byte[] payload, InetSocketAddress destination) {
        sent.add(new Sent(clock.now(), payload.clone(), destination));
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public Sent last() {
        if (sent.isEmpty()) {
            throw new AssertionError("nothing was sent");
        }
        return sent.get(sent.size() - 1);
    }

    public int count() {
        return sent.size();
    }

    /** The gaps between consecutive datagrams from index {@code from} on. */
    public List<Duration> intervalsFrom(int from) {
        List<Duration> out = new ArrayList<>();
        for (int i = from + 1; i < sent.size(); i++) {
            out.add(Duration.between(sent.get(i - 1).at(), sent.get(i).at()));
        }
        return out;
    }
}
