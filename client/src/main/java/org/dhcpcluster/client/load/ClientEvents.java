package org.dhcpcluster.client.load;

/**
 * What a simulated client tells its load run, by index: the run's script (see
 * {@link Workload}) decides what each event means for that client. Called on the run's
 * scheduler thread.
 */
interface ClientEvents {
    /** A new lease (not an extended one). */
    void bound(int client);

    /** A renewal or rebinding extended the lease. */
    void renewed(int client);

    /** A server refused a request (DHCPNAK); the client starts over. */
    void nakReceived(int client);

    void released(int client);
}
