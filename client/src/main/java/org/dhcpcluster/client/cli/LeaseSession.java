package org.dhcpcluster.client.cli;

/**
 * One real client on one interface, whatever its family, as the single-lease command drives
 * it: start, (the listener reports the lease), release or stop, close.
 */
interface LeaseSession extends AutoCloseable {
    void start();

    /** Gives the lease back if one is held (waiting until the RELEASE has left); else just stops. */
    void release();

    @Override
    void close();
}
