package org.dhcpcluster.client.load;

import java.time.Duration;
import java.util.Random;
import org.dhcpcluster.client.runtime.Scheduler;
import org.dhcpcluster.client.runtime.Transport;
import org.dhcpcluster.client.v4.DhcpV4Client;
import org.dhcpcluster.client.v4.DhcpV4ClientConfig;
import org.dhcpcluster.client.v4.DhcpV4ClientListener;
import org.dhcpcluster.client.v4.DhcpV4ClientState;
import org.dhcpcluster.client.v4.DhcpV4Lease;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;

/**
 * A real {@link DhcpV4Client} in a load run (native or carried over DHCPv6): its messages are
 * timed by the {@link ExchangeMeter} on the way out and in, and its lease events move it
 * through the run's script: bound, then (with --renew) renewed at T1, then (with --release)
 * released, then done.
 */
final class SimulatedV4Client implements SimulatedClient {
    private final int index;
    private final DhcpV4Client client;
    private final ExchangeMeter meter;
    private final LoadCounters counters;
    private final LoadSettings settings;
    private final Scheduler scheduler;
    private boolean finished;

    SimulatedV4Client(int index, DhcpV4ClientConfig config, Scheduler scheduler, Transport transport, Random random,
                      ExchangeMeter meter, LoadCounters counters, LoadSettings settings) {
        this.index = index;
        this.meter = meter;
        this.counters = counters;
        this.settings = settings;
        this.scheduler = scheduler;
        Transport metered = (payload, destination) -> {
            observeSent(payload);
            transport.send(payload, destination);
        };
        this.client = new DhcpV4Client(config, scheduler, metered, random, new Script());
    }

    private void observeSent(byte[] payload) {
        try {
            DhcpV4Message m = DhcpV4Codec.decode(payload);
            meter.sent(index, ExchangeNames.v4(m), m.xid());
        } catch (DecodeException e) {
            // the state machine only sends what the codec wrote
        }
    }

    /** A reply whose chaddr is this client's. */
    void receive(DhcpV4Message reply) {
        DhcpMessageType t = reply.messageType().orElse(null);
        if (DhcpMessageType.OFFER.equals(t) || DhcpMessageType.ACK.equals(t) || DhcpMessageType.NAK.equals(t)) {
            meter.answered(index, reply.xid());
        }
        client.receive(reply);
    }

    @Override
    public void start() {
        counters.started.incrementAndGet();
        client.start();
    }

    @Override
    public void stop() {
        if (client.state() != DhcpV4ClientState.STOPPED) {
            client.stop();
        }
    }

    private void finish() {
        if (!finished) {
            finished = true;
            counters.done.incrementAndGet();
        }
    }

    private void afterLease() {
        if (settings.release()) {
            scheduler.schedule(Duration.ZERO, () -> {
                if (client.state() == DhcpV4ClientState.BOUND) {
                    client.release();
                }
            });
        } else {
            finish();
        }
    }

    private final class Script implements DhcpV4ClientListener {
        private boolean renewedOnce;

        @Override
        public void bound(DhcpV4Lease lease) {
            counters.recordBound();
            if (!settings.renew()) {
                afterLease();
            }
        }

        @Override
        public void renewed(DhcpV4Lease lease) {
            if (!renewedOnce) {
                renewedOnce = true;
                counters.renewed.incrementAndGet();
                if (settings.renew()) {
                    afterLease();
                }
            }
        }

        @Override
        public void nakReceived(DhcpV4Message nak) {
            counters.naks.incrementAndGet();
        }

        @Override
        public void released(DhcpV4Lease lease) {
            counters.released.incrementAndGet();
            finish();
        }
    }
}
