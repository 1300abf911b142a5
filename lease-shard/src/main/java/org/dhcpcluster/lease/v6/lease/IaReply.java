package org.dhcpcluster.lease.v6.lease;

import java.util.List;
import org.dhcpcluster.lease.serialization.KryoSerializable;
import org.dhcpcluster.lease.v6.space.Address128;

/** A lease entity's answer for one IA of a client message. */
public sealed interface IaReply extends KryoSerializable {

    /** An item for the reply's IA, lifetimes in seconds (0 and 0 tell the client to stop using it). */
    record Granted6(Address128 item, int length, long preferredLifetime, long validLifetime) implements KryoSerializable {
    }

    /** How this message relates to the last one the IA handled: the node answers a {@code COPY} not at all. */
    enum Repeat {
        /** a message not seen before */
        FIRST,
        /** the same message again within milliseconds (a multicast reaching two nodes): answered already */
        COPY,
        /** the client's retransmission of a message whose answer it missed: the answer stands */
        RETRANSMISSION
    }

    record IaAnswer(List<Granted6> items, Status6 status, String message, Repeat repeat) implements IaReply {
        public IaAnswer {
            items = List.copyOf(items);
        }

        IaAnswer as(Repeat r) {
            return new IaAnswer(items, status, message, r);
        }
    }

    /** The IA could not be served now (an address slice did not answer in time); the client's retransmission may succeed. */
    record IaUnavailable(String why) implements IaReply {
    }
}
