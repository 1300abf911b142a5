package org.dhcpcluster.lease.v4;

import org.dhcpcluster.lease.partition.PartitionAnswer;

/**
 * What a partition answers a DHCPv4 message, in domain terms: the edge builds the packet
 * (DHCPOFFER, DHCPACK, DHCPNAK) from it, or stays silent and counts why.
 */
public sealed interface Answer4 extends PartitionAnswer {

    /** Offer {@code address} for {@code leaseSeconds}; {@code reserved}: it is the client's reservation (its options apply). */
    record Offer(int address, long leaseSeconds, boolean reserved) implements Answer4 {
    }

    /** The binding is durable: acknowledge it. */
    record Ack(int address, long leaseSeconds, boolean reserved) implements Answer4 {
    }

    /** Tell the client to start over (RFC 2131 section 4.3.2), {@code message} as option 56. */
    record Nak(String message) implements Answer4 {
    }

    record Silent(Silence reason, String detail) implements Answer4 {
        /**
         * A DECLINE the flood limits refused is not remembered: recent answers are handed over
         * with a moving partition (persisted), and a node of the previous version reading them in
         * a rolling update does not know these reasons. A copy or retransmission of that DECLINE
         * is decided again: the address is no longer the client's, so it is silence all the same.
         */
        @Override
        public boolean remembered() {
            return reason != Silence.DECLINE_CLIENT_LIMIT && reason != Silence.DECLINE_QUARANTINE_FULL;
        }
    }

    /** This partition cannot serve the DISCOVER; the edge asks the next one of the subnet. */
    record Elsewhere(String why) implements Answer4 {
        @Override
        public boolean remembered() {
            return false;
        }
    }

    /** Why a message gets no reply; each is a counter at the edge. */
    enum Silence {
        /** a copy of a message already answered (broadcast heard by two nodes, a relay sending to every node) */
        DUPLICATE,
        /** the client chose another server's offer, or named another server */
        OTHER_SERVER,
        /** no free address in any partition of the subnet */
        POOL_EXHAUSTED,
        /** RELEASE or DECLINE: the protocol has no reply */
        NO_REPLY_EXPECTED,
        /** non-authoritative: no record of this client and the address can't be given */
        NO_RECORD,
        /** the request breaks a MUST of RFC 2131 (e.g. REQUEST without any address) */
        INVALID_REQUEST,
        /** a partition did not answer in time; the client's retransmission will retry */
        PARTITION_UNAVAILABLE,
        /** a message type the server does not answer */
        UNSUPPORTED,
        /** DECLINE not honoured (released, not quarantined): the client declined too often lately */
        DECLINE_CLIENT_LIMIT,
        /** DECLINE not honoured (released, not quarantined): the partition's quarantine share is full */
        DECLINE_QUARANTINE_FULL
    }

    Silent DUPLICATE = new Silent(Silence.DUPLICATE, "copy of a message already answered");
}
