package org.dhcpcluster.node.edge.v4;

/** A DHCP socket could not be opened as configured; the message says which and why. */
public final class EdgeStartException extends RuntimeException {
    public EdgeStartException(String message) {
        super(message);
    }

    public EdgeStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
