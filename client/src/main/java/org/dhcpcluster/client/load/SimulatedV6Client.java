package org.dhcpcluster.client.load;

import java.time.Duration;
import java.util.Random;
import org.dhcpcluster.client.runtime.Scheduler;
import org.dhcpcluster.client.runtime.Transport;
import org.dhcpcluster.client.v6.DhcpV6Client;
import org.dhcpcluster.client.v6.DhcpV6ClientConfig;
import org.dhcpcluster.client.v6.DhcpV6ClientListener;
import org.dhcpcluster.client.v6.DhcpV6ClientState;
import org.dhcpcluster.client.v6.DhcpV6Lease;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6Message;
import org.dhcpcluster.protocol.v6.codec.DhcpV6Codec;

/**
 * A real {@link DhcpV6Client} in a load run; the DHCPv6 twin of {@link SimulatedV4Client}. A
 * release is complete when the RELEASE exchange ends (REPLY, or REL_MAX_RC transmissions).
 */
final class SimulatedV6Client implements SimulatedClient {
    private final int index;
    private final DhcpV6Client client;
    private final ExchangeMeter meter;
    private final LoadCounters counters;
    private final LoadSettings settings;
    private final Scheduler scheduler;
    private boolean finished;

    SimulatedV6Client(int index, DhcpV6ClientConfig config, Scheduler scheduler, Transport transport, Random random,
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
        this.client = new DhcpV6Client(config, scheduler, metered, random, new Script());
    }

    private void observeSent(byte[] payload) {
        try {
            DhcpV6Message m = DhcpV6Codec.decode(payload);
            if (m instanceof ClientServerMessage csm) {
                meter.sent(index, ExchangeNames.v6(csm), csm.transactionId());
            }
        } catch (DecodeException e) {
            // the state machine only sends what the codec wrote
        }
    }

    /** A message whose Client Identifier is this client's DUID. */
    void receive(ClientServerMessage reply) {
        meter.answered(index, reply.transactionId());
        client.receive(reply);
    }

    @Override
    public void start() {
        counters.started.incrementAndGet();
        client.start();
    }

    @Override
    public void stop() {
        if (client.state() != DhcpV6ClientState.STOPPED) {
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
                if (client.state() == DhcpV6ClientState.BOUND) {
                    client.release();
                }
            });
        } else {
            finish();
        }
    }

    private final class Script implements DhcpV6ClientListener {
        private boolean renewedOnce;

        @Override
        public void stateChanged(DhcpV6ClientState from, DhcpV6ClientState to) {
            if (from == DhcpV6ClientState.RELEASING && to == DhcpV6ClientState.STOPPED) {
                counters.released.incrementAndGet();
                finish();
            }
        }

        @Override
        public void bound(DhcpV6Lease lease) {
            counters.recordBound();
            if (!settings.renew()) {
                afterLease();
            }
        }

        @Override
        public void renewed(DhcpV6Lease lease) {
            if (!renewedOnce) {
                renewedOnce = true;
                counters.renewed.incrementAndGet();
                if (settings.renew()) {
                    afterLease();
                }
            }
        }
    }
}
