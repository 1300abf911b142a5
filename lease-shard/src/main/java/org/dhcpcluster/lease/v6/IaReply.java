package org.dhcpcluster.lease.v6;

import java.util.List;
import org.dhcpcluster.lease.partition.DeclineLimits;
import org.dhcpcluster.lease.v6.Answer6.Granted6;

/** What the lease layer answers for one IA of a client message; the edge puts the IAs into one reply. */
public sealed interface IaReply {

    /**
     * The IA's items and status; {@code copy}: the message is a copy of one already answered, so
     * no reply at all; {@code declineRefused}: a DECLINE of the IA the flood limits did not honour
     * (the items were released instead), for the edge to count, else null.
     */
    record IaAnswer(List<Granted6> items, Status6 status, String message, boolean copy, DeclineLimits.Refusal declineRefused)
            implements IaReply {
        public IaAnswer {
            items = List.copyOf(items);
        }

        public IaAnswer(List<Granted6> items, Status6 status, String message, boolean copy) {
            this(items, status, message, copy, null);
        }
    }

    /** A partition did not answer in time; the client's retransmission may succeed. */
    record IaUnavailable(String why) implements IaReply {
    }
}
