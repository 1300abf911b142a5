package org.dhcpcluster.client.load;

/**
 * One client of a load run, whatever its family: the run starts it at its turn, may ask it to
 * renew or release, hands it the replies addressed to it and stops it at the end. Called on
 * the run's scheduler thread only.
 */
interface SimulatedClient {
    void start();

    /** Holds a lease and is not renewing it: a renewal can start now. */
    boolean isBound();

    /** Starts a renewal now (before T1); only when {@link #isBound()}. */
    void renewNow();

    /** Releases the lease if the client holds one and is not renewing it; otherwise nothing. */
    void releaseIfBound();

    /** Stops every timer, sending nothing: the run is over, or the client is no longer wanted. */
    void stop();
}
