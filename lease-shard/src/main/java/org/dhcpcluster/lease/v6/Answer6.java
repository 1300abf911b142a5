package org.dhcpcluster.lease.v6;

import java.util.List;
import org.dhcpcluster.lease.partition.DeclineLimits;
import org.dhcpcluster.lease.partition.PartitionAnswer;
import org.dhcpcluster.lease.serialization.KryoSerializable;
import org.dhcpcluster.lease.v6.space.Address128;

/** What a partition answers for one IA, in domain terms; the edge builds the IA option from it. */
public sealed interface Answer6 extends PartitionAnswer {

    /** An item for the IA, lifetimes in seconds (0 and 0 tell the client to stop using it). */
    record Granted6(Address128 item, int length, long preferredLifetime, long validLifetime) implements KryoSerializable {
    }

    /** The IA's items and status (RFC 8415 section 21.13). */
    record IaResult(List<Granted6> items, Status6 status, String message) implements Answer6 {
        public IaResult {
            items = List.copyOf(items);
        }
    }

    /**
     * A DECLINE the flood limits did not honour: the items were released, not quarantined
     * ({@link DeclineLimits}); Success all the same (RFC 8415 section 18.3.8), and the edge counts
     * the reason. Not remembered, so never handed over with a moving partition (persisted) and
     * read there by a node of the previous version: a copy or retransmission is decided again
     * and finds no binding, which the client takes as done all the same.
     */
    record DeclineRefused(DeclineLimits.Refusal reason, String message) implements Answer6 {
        @Override
        public boolean remembered() {
            return false;
        }
    }

    /** A copy of a message already answered: no answer at all. */
    record Copy() implements Answer6 {
    }

    /** This partition cannot serve the IA; the edge asks the next one. */
    record Elsewhere(String why) implements Answer6 {
        @Override
        public boolean remembered() {
            return false;
        }
    }

    /** The partition did not answer in time (made by the edge, never by a partition). */
    record Unavailable(String why) implements Answer6 {
    }

    Copy COPY = new Copy();
}
