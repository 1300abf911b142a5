package org.dhcpcluster.lease.v4.lease;

import org.dhcpcluster.lease.serialization.KryoSerializable;
import org.dhcpcluster.protocol.v4.DhcpV4Message;

/** What the lease entity tells the edge: a message to send, or why there is none. */
public sealed interface Reply4 extends KryoSerializable {

    record Answer(DhcpV4Message message) implements Reply4 {
    }

    record NoAnswer(Silence reason, String detail) implements Reply4 {
    }

    /** Why a request gets no reply; each is a counter at the edge. */
    enum Silence {
        /** a copy of a packet already answered (broadcast seen by two nodes, duplicated frame) */
        DUPLICATE,
        /** the client chose another server's offer, or named another server */
        OTHER_SERVER,
        /** no free address in any block of the subnet */
        POOL_EXHAUSTED,
        /** RELEASE or DECLINE: the protocol has no reply */
        NO_REPLY_EXPECTED,
        /** non-authoritative: no record of this client and the address can't be given */
        NO_RECORD,
        /** the request breaks a MUST of RFC 2131 (e.g. REQUEST without any address) */
        INVALID_REQUEST,
        /** an address block did not answer in time; the client's retransmission will retry */
        BLOCK_UNAVAILABLE,
        /** a message type the server does not answer */
        UNSUPPORTED
    }
}
