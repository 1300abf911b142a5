package org.dhcpcluster.client.load;

import java.util.Random;
import org.dhcpcluster.client.runtime.Scheduler;
import org.dhcpcluster.client.runtime.Transport;
import org.dhcpcluster.client.v4.DhcpV4Client;
import org.dhcpcluster.client.v4.DhcpV4ClientConfig;
import org.dhcpcluster.client.v4.DhcpV4ClientListener;
import org.dhcpcluster.client.v4.DhcpV4ClientState;
import org.dhcpcluster.client.v4.DhcpV4Lease;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;

/**
 * A real {@link DhcpV4Client} in a load run (native or carried over DHCPv6): its messages are
 * timed by the {@link ExchangeMeter} on the way out and in, and its lease events go to the
 * run's script as {@link ClientEvents}.
 */
final class SimulatedV4Client implements SimulatedClient {
    private final int index;
    private final DhcpV4Client client;
    private final ExchangeMeter meter;

    SimulatedV4Client(int index, DhcpV4ClientConfig config, Scheduler scheduler, Transport transport, Random random,
                      ExchangeMeter meter, ClientEvents events) {
        this.index = index;
        this.meter = meter;
        Transport metered = (payload, destination) -> {
            observeSent(payload);
            transport.send(payload, destination);
        };
        this.client = new DhcpV4Client(config, scheduler, metered, random, new DhcpV4ClientListener() {
            @Override
            public void bound(DhcpV4Lease lease) {
                events.bound(index);
            }

            @Override
            public void renewed(DhcpV4Lease lease) {
                events.renewed(index);
            }

            @Override
            public void nakReceived(DhcpV4Message nak) {
                events.nakReceived(index);
            }

            @Override
            public void released(DhcpV4Lease lease) {
                events.released(index);
            }
        });
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
        meter.answered(index, ExchangeNames.replyKind(reply), reply.xid());
        client.receive(reply);
    }

    @Override
    public void start() {
        client.start();
    }

    @Override
    public boolean isBound() {
        return client.state() == DhcpV4ClientState.BOUND;
    }

    @Override
    public void renewNow() {
        client.renewNow();
    }

    @Override
    public void releaseIfBound() {
        if (isBound()) {
            client.release();
        }
    }

    @Override
    public void stop() {
        if (client.state() != DhcpV4ClientState.STOPPED) {
            client.stop();
        }
    }
}
