package org.dhcpcluster.client.load;

/**
 * One client of a load run, whatever its family: the run starts it at its turn, hands it the
 * replies addressed to it and stops it at the end. Called on the run's scheduler thread only.
 */
interface SimulatedClient {
    void start();

    /** Stops every timer, sending nothing: the run is over. */
    void stop();
}
