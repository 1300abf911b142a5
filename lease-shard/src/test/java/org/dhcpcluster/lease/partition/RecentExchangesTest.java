package org.dhcpcluster.lease.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dhcpcluster.lease.partition.RecentExchanges.Seen;
import org.junit.jupiter.api.Test;

class RecentExchangesTest {
    private static final Holder CLIENT = new Holder(1, new byte[] {1, 1, 2, 0, 0, 0, 0, 7});
    private static final int DISCOVER = 1;
    private static final int REQUEST = 3;
    private static final long WINDOW = 30_000;

    @Test
    void aCopyReceivedWithTheOriginalIsACopyHoweverLateItIsClassified() {
        RecentExchanges r = new RecentExchanges();
        r.record(CLIENT, 42, DISCOVER, 0, 1_000, "offer");
        assertEquals(Seen.COPY, r.classify(CLIENT, 42, DISCOVER, 0, 1_005, WINDOW));
    }

    @Test
    void aLateCopyOfADiscoverIsStillACopyAfterTheTransactionsRequestWasAnswered() {
        RecentExchanges r = new RecentExchanges();
        r.record(CLIENT, 42, DISCOVER, 0, 1_000, "offer");
        r.record(CLIENT, 42, REQUEST, 0, 1_010, "ack");
        // A slow node's copy of the DISCOVER, and of the REQUEST, reach the partition only now.
        assertEquals(Seen.COPY, r.classify(CLIENT, 42, DISCOVER, 0, 1_002, WINDOW));
        assertEquals(Seen.COPY, r.classify(CLIENT, 42, REQUEST, 0, 1_011, WINDOW));
    }

    @Test
    void aRetransmissionGetsTheSameAnswerAndANewTransactionIsNew() {
        RecentExchanges r = new RecentExchanges();
        r.record(CLIENT, 42, REQUEST, 0, 1_000, "ack");
        assertEquals(Seen.RETRANSMISSION, r.classify(CLIENT, 42, REQUEST, 4, 5_000, WINDOW));
        assertEquals("ack", r.lastAnswer(CLIENT, REQUEST));
        assertEquals(Seen.NEW, r.classify(CLIENT, 43, REQUEST, 0, 5_000, WINDOW));
        assertEquals(Seen.NEW, r.classify(CLIENT, 42, REQUEST, 0, 1_000 + WINDOW + 1, WINDOW), "too old to be a retransmission");
    }

    @Test
    void aTransmissionOlderThanTheOneLastAnsweredIsACopyNotARetransmission() {
        RecentExchanges r = new RecentExchanges();
        r.record(CLIENT, 42, REQUEST, 0, 1_000, "ack");
        // The client retransmitted at 5 s and was answered; then a node held up by a shard move
        // or a long pause delivers its copy of the 1 s transmission: the client has its answer.
        assertEquals(Seen.RETRANSMISSION, r.classify(CLIENT, 42, REQUEST, 4, 5_000, WINDOW));
        r.record(CLIENT, 42, REQUEST, 4, 5_000, "ack");
        assertEquals(Seen.COPY, r.classify(CLIENT, 42, REQUEST, 0, 1_000, WINDOW));
        assertEquals(Seen.COPY, r.classify(CLIENT, 42, REQUEST, 0, 2_500, WINDOW));
    }
}
