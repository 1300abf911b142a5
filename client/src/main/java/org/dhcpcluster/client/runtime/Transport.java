package org.dhcpcluster.client.runtime;

import java.net.InetSocketAddress;

/**
 * Where a client's datagrams go: a UDP socket in the command line client, a list in tests,
 * an in-memory server in a simulation. Only the sending half is here: whoever owns the
 * transport also owns the client and feeds it what arrives ({@code receive(byte[])}), so the
 * client never blocks or polls.
 *
 * <p>Destinations are always address literals (broadcast, multicast or the server's
 * address), never names, so no DNS lookup can hide behind them.
 */
@FunctionalInterface
public interface Transport {

    /**
     * Sends one UDP payload. Must not throw for a datagram that could not be delivered: UDP is
     * lossy and the state machines retransmit, so a transport counts its own failures.
     */
    void send(byte[] payload, InetSocketAddress destination);
}
