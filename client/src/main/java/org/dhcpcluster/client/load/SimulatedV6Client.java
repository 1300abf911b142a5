package org.dhcpcluster.client.load;

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
 * DHCPv6 has no NAK: a server that will not extend a binding says so per IA, and the client
 * asks again with a REQUEST (RFC 8415 section 18.2.10.1).
 */
final class SimulatedV6Client implements SimulatedClient {
    private final int index;
    private final DhcpV6Client client;
    private final ExchangeMeter meter;

    SimulatedV6Client(int index, DhcpV6ClientConfig config, Scheduler scheduler, Transport transport, Random random,
                      ExchangeMeter meter, ClientEvents events) {
        this.index = index;
        this.meter = meter;
        Transport metered = (payload, destination) -> {
            observeSent(payload);
            transport.send(payload, destination);
        };
        this.client = new DhcpV6Client(config, scheduler, metered, random, new DhcpV6ClientListener() {
            @Override
            public void stateChanged(DhcpV6ClientState from, DhcpV6ClientState to) {
                if (from == DhcpV6ClientState.RELEASING && to == DhcpV6ClientState.STOPPED) {
                    events.released(index);
                }
            }

            @Override
            public void bound(DhcpV6Lease lease) {
                events.bound(index);
            }

            @Override
            public void renewed(DhcpV6Lease lease) {
                events.renewed(index);
            }
        });
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
        meter.answered(index, ExchangeNames.replyKind(reply), reply.transactionId());
        client.receive(reply);
    }

    @Override
    public void start() {
        client.start();
    }

    @Override
    public boolean isBound() {
        return client.state() == DhcpV6ClientState.BOUND;
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
        if (client.state() != DhcpV6ClientState.STOPPED) {
            client.stop();
        }
    }
}
