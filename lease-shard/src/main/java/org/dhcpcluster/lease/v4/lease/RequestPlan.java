package org.dhcpcluster.lease.v4.lease;

/** What a DHCPREQUEST calls for, decided by {@link RequestPlanner} before any block is asked. */
public sealed interface RequestPlan {

    /**
     * Bind (or extend) the address, then ACK. If the block refuses, NAK when
     * {@code nakOnRefusal}, else stay silent.
     */
    record Bind(int address, boolean reservation, boolean nakOnRefusal) implements RequestPlan {
    }

    record Nak(String message) implements RequestPlan {
    }

    record Silent(Reply4.Silence reason, String detail) implements RequestPlan {
    }
}
